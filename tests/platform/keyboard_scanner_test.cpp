#include "platform/keyboard_scanner.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "support/temp_dir.hpp"

namespace uketsuke::platform {
namespace {

using namespace std::chrono_literals;

input_event key(unsigned code, int value) {
    input_event event{};
    event.type = EV_KEY;
    event.code = static_cast<std::uint16_t>(code);
    event.value = value;
    return event;
}

input_event sync_report() {
    input_event event{};
    event.type = EV_SYN;
    event.code = SYN_REPORT;
    return event;
}

// What a scanner in keyboard mode sends: press and release for each character (with Shift around
// upper case and symbols), a SYN_REPORT after each, and Enter at the end.
std::vector<input_event> typed(const std::string& text) {
    struct Entry {
        char character;
        unsigned code;
        bool shift;
    };
    static const std::vector<Entry> table = [] {
        std::vector<Entry> entries;
        for (unsigned code = 0; code < 128; ++code) {
            for (bool shift : {false, true}) {
                const char c = us_layout_character(code, shift);
                if (c != 0) entries.push_back({c, code, shift});
            }
        }
        return entries;
    }();
    std::vector<input_event> events;
    for (char c : text) {
        const auto entry = std::find_if(table.begin(), table.end(),
                                        [&](const Entry& e) { return e.character == c; });
        EXPECT_NE(entry, table.end()) << c;
        if (entry == table.end()) continue;
        if (entry->shift) events.push_back(key(KEY_LEFTSHIFT, 1));
        events.push_back(key(entry->code, 1));
        events.push_back(sync_report());
        events.push_back(key(entry->code, 0));
        if (entry->shift) events.push_back(key(KEY_LEFTSHIFT, 0));
        events.push_back(sync_report());
    }
    events.push_back(key(KEY_ENTER, 1));
    events.push_back(key(KEY_ENTER, 0));
    return events;
}

std::string decode_all(const std::vector<input_event>& events) {
    KeyDecoder decoder;
    std::string out;
    for (const input_event& event : events) {
        if (auto code = decoder.feed(event)) out += *code + "\n";
    }
    return out;
}

TEST(EvdevKeys, UsLayoutWithShift) {
    EXPECT_EQ(us_layout_character(KEY_A, false), 'a');
    EXPECT_EQ(us_layout_character(KEY_A, true), 'A');
    EXPECT_EQ(us_layout_character(KEY_4, true), '$');
    EXPECT_EQ(us_layout_character(KEY_5, true), '%');
    EXPECT_EQ(us_layout_character(KEY_8, true), '*');
    EXPECT_EQ(us_layout_character(KEY_EQUAL, true), '+');
    EXPECT_EQ(us_layout_character(KEY_SEMICOLON, true), ':');
    EXPECT_EQ(us_layout_character(KEY_MINUS, false), '-');
    EXPECT_EQ(us_layout_character(KEY_DOT, false), '.');
    EXPECT_EQ(us_layout_character(KEY_SLASH, false), '/');
    EXPECT_EQ(us_layout_character(KEY_SPACE, false), ' ');
    EXPECT_EQ(us_layout_character(KEY_KP7, false), '7');
    EXPECT_EQ(us_layout_character(KEY_LEFTSHIFT, false), 0);
    EXPECT_EQ(us_layout_character(KEY_F1, false), 0);
}

TEST(EvdevKeys, DecodesATicketAndOtherCodes) {
    const std::string ticket = "UK1:0A$%-./:Z9 x+*";
    EXPECT_EQ(decode_all(typed(ticket)), ticket + "\n");
    auto two = typed("P-0001");
    const auto second = typed("https://example.org/t?id=42");
    two.insert(two.end(), second.begin(), second.end());
    EXPECT_EQ(decode_all(two), "P-0001\nhttps://example.org/t?id=42\n");
}

TEST(EvdevKeys, RepeatsCapsLockAndStrayEntersAreHandled) {
    std::vector<input_event> events = {key(KEY_ENTER, 1),
                                       key(KEY_ENTER, 0)};  // nothing typed: no code
    events.push_back(key(KEY_CAPSLOCK, 1));
    events.push_back(key(KEY_CAPSLOCK, 0));
    events.push_back(key(KEY_U, 1));
    events.push_back(key(KEY_U, 2));  // auto-repeat is not a second character
    events.push_back(key(KEY_U, 0));
    events.push_back(key(KEY_RIGHTSHIFT, 1));
    events.push_back(key(KEY_K, 1));  // Shift with Caps Lock: lower case
    events.push_back(key(KEY_K, 0));
    events.push_back(key(KEY_RIGHTSHIFT, 0));
    events.push_back(key(KEY_KPENTER, 1));
    EXPECT_EQ(decode_all(events), "Uk\n");
}

void write_all(int fd, const void* data, std::size_t size, std::size_t chunk) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t done = 0; done < size;) {
        const ssize_t written = ::write(fd, bytes + done, std::min(chunk, size - done));
        ASSERT_GT(written, 0);
        done += static_cast<std::size_t>(written);
        if (chunk < size) std::this_thread::sleep_for(1ms);
    }
}

TEST(EvdevPipe, ReadsRecordedEventsFromAPipeEvenWhenSplit) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    FileDescriptor reader(fds[0]), writer(fds[1]);
    auto events = typed("UK1:ABC-123");
    const auto more = typed("P-0002");
    events.insert(events.end(), more.begin(), more.end());
    // Odd-sized chunks so records arrive torn across reads.
    std::thread producer([&] {
        write_all(writer.get(), events.data(), events.size() * sizeof(input_event),
                  7 * sizeof(input_event) + 5);
        writer.reset();
    });
    KeyDecoder decoder;
    std::vector<std::string> codes;
    const ReadOutcome read = read_scanner_codes(reader.get(), -1, decoder,
                                                [&](std::string code) { codes.push_back(code); });
    producer.join();
    EXPECT_EQ(read.end, ReadEnd::EndOfFile) << read.error;
    EXPECT_EQ(codes, (std::vector<std::string>{"UK1:ABC-123", "P-0002"}));
}

TEST(EvdevPipe, StopsWhenSignalled) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    FileDescriptor reader(fds[0]), writer(fds[1]);
    FileDescriptor stop(::eventfd(0, EFD_CLOEXEC));
    std::thread stopper([&] {
        std::this_thread::sleep_for(20ms);
        const std::uint64_t one = 1;
        ASSERT_EQ(::write(stop.get(), &one, sizeof one), static_cast<ssize_t>(sizeof one));
    });
    KeyDecoder decoder;
    EXPECT_EQ(read_scanner_codes(reader.get(), stop.get(), decoder, [](std::string) {}).end,
              ReadEnd::Stopped);
    stopper.join();
}

TEST(EvdevPipe, ReadErrorsAreReported) {
    KeyDecoder decoder;
    FileDescriptor directory(::open("/", O_RDONLY | O_DIRECTORY));
    const ReadOutcome read = read_scanner_codes(directory.get(), -1, decoder, [](std::string) {});
    EXPECT_EQ(read.end, ReadEnd::Failed);
    EXPECT_FALSE(read.error.empty());
}

TEST(EvdevScanner, MissingDeviceIsAnErrorNotAnException) {
    int wakes = 0;
    EvdevScannerOptions options;
    options.device = "/dev/input/event-uketsuke-missing";
    options.wake = [&] { ++wakes; };
    EvdevScanner scanner(options);
    for (int i = 0; i < 100 && scanner.error().empty(); ++i) std::this_thread::sleep_for(5ms);
    EXPECT_FALSE(scanner.is_reading());
    EXPECT_NE(scanner.error().find("event-uketsuke-missing"), std::string::npos) << scanner.error();
    const auto start = std::chrono::steady_clock::now();
    scanner.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 200ms);  // stop interrupts the backoff
    EXPECT_GE(wakes, 1);
}

TEST(EvdevScanner, PublishesScansFromAFifoWithoutGrab) {
    uketsuke::testing::TempDir dir;
    const std::string fifo = (dir / "scanner").string();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // Held open for writing (O_RDWR does not block) so the reader never sees end-of-file early.
    FileDescriptor writer(::open(fifo.c_str(), O_RDWR | O_CLOEXEC));
    ASSERT_TRUE(writer);
    std::atomic<int> wakes{0};
    EvdevScannerOptions options;
    options.device = fifo;
    options.grab = false;  // EVIOCGRAB only works on a real input device
    options.wake = [&] { ++wakes; };
    EvdevScanner scanner(options);
    const auto events = typed("UK1:SCAN-ME");
    write_all(writer.get(), events.data(), events.size() * sizeof(input_event),
              events.size() * sizeof(input_event));
    std::vector<ScanEvent> scans;
    for (int i = 0; i < 200 && scans.empty(); ++i) {
        std::this_thread::sleep_for(5ms);
        scans = scanner.take_scans();
    }
    ASSERT_EQ(scans.size(), 1u);
    EXPECT_EQ(scans[0].text, "UK1:SCAN-ME");
    EXPECT_EQ(scans[0].source, ScanSource::Scanner);
    EXPECT_GT(scans[0].wall_ms, 0);
    EXPECT_TRUE(scanner.is_reading());
    EXPECT_GE(wakes.load(), 2);  // reading, then the scan
}

TEST(ScannerBurst, RecognizesAScannerBurst) {
    BurstDetector detector;
    std::int64_t t = 1000;
    for (char c : std::string("UK1:ABCDEF")) detector.character(std::string(1, c), t += 8);
    EXPECT_TRUE(detector.in_burst(t + 5));
    EXPECT_EQ(detector.enter(t + 10), "UK1:ABCDEF");
    EXPECT_EQ(detector.enter(t + 20), std::nullopt);  // a new run starts empty
}

TEST(ScannerBurst, APersonTypingIsNotABurst) {
    BurstDetector detector;
    std::int64_t t = 0;
    for (char c : std::string("tanaka")) detector.character(std::string(1, c), t += 180);
    EXPECT_FALSE(detector.in_burst(t + 100));
    EXPECT_EQ(detector.enter(t + 200), std::nullopt);
}

TEST(ScannerBurst, TooShortOrSlowEnterIsNotABurst) {
    BurstDetector detector;
    std::int64_t t = 0;
    for (char c : std::string("12345")) detector.character(std::string(1, c), t += 10);
    EXPECT_EQ(detector.enter(t + 10), std::nullopt);  // five characters
    for (char c : std::string("123456")) detector.character(std::string(1, c), t += 10);
    EXPECT_EQ(detector.enter(t + 60), std::nullopt);  // Enter came late
}

TEST(ScannerBurst, TypingBeforeABurstIsDropped) {
    BurstDetector detector;
    std::int64_t t = 0;
    detector.character("a", t += 300);
    detector.character("b", t += 300);
    for (char c : std::string("P-0001"))
        detector.character(std::string(1, c), t += (c == 'P' ? 400 : 5));
    EXPECT_EQ(detector.enter(t + 5), "P-0001");
}

TEST(ScannerBurst, CountsCharactersNotBytesAndIsConfigurable) {
    BurstDetector detector({3, std::chrono::milliseconds(100)});
    std::int64_t t = 0;
    for (const char* kana : {"う", "け", "つ"}) detector.character(kana, t += 90);
    EXPECT_EQ(detector.enter(t + 90), "うけつ");
    detector.character("あ", t += 10);
    detector.character("い", t += 10);
    EXPECT_EQ(detector.enter(t + 10), std::nullopt);  // two characters, six bytes
}

}  // namespace
}  // namespace uketsuke::platform
