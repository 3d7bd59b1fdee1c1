#include <cstdio>
int main() { std::puts("uketsuke: being written"); return 1; }
