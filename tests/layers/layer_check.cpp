// Nothing to run: linking this program with a whole layer is the check (CMakeLists.txt here).
int main() { return 0; }
