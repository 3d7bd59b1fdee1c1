// Paper: 1,000 name tags to PDF (budget ≤ 2 s), a 2,000-person desk roster (budget ≤ 1 s), and
// one tag rendered and handed to CUPS (budget ≤ 100 ms), the last against a throwaway cupsd
// (tests/paper/cups_server.sh) with a capture queue; skipped with a message where cupsd is missing
// or not startable (not root). With the kiosk built: scan → welcome with the kiosk's print worker
// printing a tag at every check-in, and without, one after the other in one run (the issue's
// "equals the time with it off"), and the worker's own render and spool times.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <regex>
#include <string>
#include <thread>

#include "kiosk/core/roster/search_key.hpp"
#include "kiosk/core/tickets/qr.hpp"
#include "paper/desk_roster.hpp"
#include "paper/handles.hpp"
#include "paper/name_tags.hpp"
#include "paper/png.hpp"
#include "paper/printer.hpp"
#include "paper/ticket_page_image.hpp"
#include "support/temp_dir.hpp"
#ifdef UKETSUKE_HAVE_APP
#include "kiosk/app/checkin_worker.hpp"
#include "kiosk/app/print_worker.hpp"
#include "kiosk/core/store/print_log.hpp"
#endif

namespace {

using namespace uketsuke;
using namespace uketsuke::paper;

std::vector<TagPerson> people(int count) {
    static const char* const kFamily[] = {"山田", "佐藤", "鈴木", "髙﨑", "勘解由小路", "Smith"};
    static const char* const kGiven[] = {"太郎", "花子",       "一郎",
                                         "真一", "左衛門之丞", "Alexandrina"};
    std::vector<TagPerson> out;
    for (int i = 0; i < count; ++i) {
        TagPerson tag;
        tag.id = "P-" + std::to_string(i);
        tag.name = std::string(kFamily[i % 6]) + " " + kGiven[(i / 6) % 6];
        tag.reading = "やまだ たろう";
        tag.organization = i % 7 == 0
                               ? "独立行政法人 情報処理推進機構 デジタル基盤センター 標準化推進部"
                               : "青葉市 総務部 情報政策課";
        tag.role = i % 10 == 0 ? Role::Facilitator : Role::Participant;
        tag.group_name = std::string(1, static_cast<char>('A' + i % 20));
        tag.table_label = std::to_string(1 + i % 20);
        tag.group_index = i % 20;
        tag.event_line = "自治体DX研究会　2026年3月14日";
        out.push_back(std::move(tag));
    }
    return out;
}

TagLayout layout(const char* name) {
    auto found = find_tag_layout(name);
    if (!found) {
        std::fprintf(stderr, "%s\n", found.error().message.c_str());
        std::abort();
    }
    return found.value();
}

void BM_ThousandTagsToPdf(benchmark::State& state) {
    const TagLayout cards = layout(state.range(0) == 0 ? "card-91x55" : "ql-62x100");
    const auto everyone = people(1000);
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto pdf = render_tags(cards, everyone);
        if (!pdf) {
            state.SkipWithError(pdf.error().message.c_str());
            return;
        }
        bytes = pdf.value().pdf.size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["pdf_MB"] = static_cast<double>(bytes) / 1e6;
    state.SetLabel(state.range(0) == 0 ? "card-91x55, 100 A4 sheets" : "ql-62x100, 1000 labels");
}
BENCHMARK(BM_ThousandTagsToPdf)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2);

// `uketsuke tickets`' drawing for N people (#13): per person the A4 page as its own PDF and the
// phone page as a 1080 × 1920 PNG, as the command does, without the files. The phone page's PNG
// is written by paper/png.hpp; BM_PhonePagePng compares it with cairo's writer on one page
// (Arg 0: cairo's, 1: ours), the same pixels.
void BM_TicketPages(benchmark::State& state) {
    auto a4 = ticket_page_layout();
    auto phone = phone_ticket_layout();
    if (!a4 || !phone) {
        state.SkipWithError("no ticket page layouts");
        return;
    }
    auto everyone = people(static_cast<int>(state.range(0)));
    for (auto& person : everyone)
        person.ticket = make_qr("UK1:" + person.id + "-BENCH", QrLevel::M);
    std::size_t bytes = 0;
    for (auto _ : state) {
        for (const auto& person : everyone) {
            auto pdf = render_tags(a4.value(), {person});
            auto image = render_ticket_image(phone.value(), person);
            if (!pdf || !image) {
                state.SkipWithError("a ticket page failed");
                return;
            }
            bytes += pdf.value().pdf.size() + image.value().png.size();
        }
    }
    benchmark::DoNotOptimize(bytes);
    state.SetItemsProcessed(state.range(0) * static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_TicketPages)->Arg(30)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_PhonePagePng(benchmark::State& state) {
    auto phone = phone_ticket_layout();
    if (!phone) {
        state.SkipWithError("no phone ticket layout");
        return;
    }
    auto person = people(1).front();
    person.ticket = make_qr("UK1:P-0-BENCH", QrLevel::M);
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1080, 1920));
    {
        Cairo cairo(cairo_create(surface.get()));
        cairo_set_source_rgb(cairo.get(), 1, 1, 1);
        cairo_paint(cairo.get());
        const double scale = 1080 / points(phone.value().tag_width);
        cairo_scale(cairo.get(), scale, scale);
        if (!draw_one_tag(cairo.get(), phone.value(), person)) {
            state.SkipWithError("the phone page failed");
            return;
        }
    }
    cairo_surface_flush(surface.get());
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string png;
        if (state.range(0) == 0) {
            cairo_surface_write_to_png_stream(
                surface.get(),
                [](void* closure, const unsigned char* data, unsigned int length) {
                    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data),
                                                               length);
                    return CAIRO_STATUS_SUCCESS;
                },
                &png);
        } else {
            png = encode_png(surface.get()).value();
        }
        bytes = png.size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_PhonePagePng)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(1);

// 2,000 people under 40 organizations, keyed by search's folding of the reading (half-width
// and katakana readings among them) and sorted, drawn and written as a PDF in memory: what
// `uketsuke roster-pdf --by organization` does after reading the event file.
void BM_DeskRoster2000(benchmark::State& state) {
    static const char* const kReadings[] = {"やまだ たろう",
                                            "サトウ ハナコ",
                                            "ｽｽﾞｷ ｲﾁﾛｳ",
                                            "たかさき しんいち",
                                            "かでのこうじ さえもんのじょう",
                                            ""};
    const auto tags = people(2000);
    std::size_t bytes = 0;
    int pages = 0;
    for (auto _ : state) {
        std::vector<RosterEntry> rows;
        rows.reserve(tags.size());
        for (std::size_t i = 0; i < tags.size(); ++i) {
            RosterEntry row;
            row.number = tags[i].id;
            row.name = tags[i].name;
            row.reading = kReadings[i % 6];
            row.organization = tags[i].organization + " " + std::to_string(i % 40);
            row.group_table = tags[i].group_name + " / " + tags[i].table_label;
            row.arrived = i % 3 == 0;
            row.section = row.organization;
            row.section_key = search_key(row.organization);
            row.sort_key = search_key(row.reading.empty() ? row.name : row.reading);
            rows.push_back(std::move(row));
        }
        RosterHeader header{"自治体DX研究会", "2026年3月14日", "第1回", "所属別・五十音順",
                            "2026-03-14 08:00 作成"};
        auto pdf = render_desk_roster(header, std::move(rows));
        if (!pdf) {
            state.SkipWithError(pdf.error().message.c_str());
            return;
        }
        bytes = pdf.value().pdf.size();
        pages = pdf.value().pages;
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["pdf_MB"] = static_cast<double>(bytes) / 1e6;
    state.counters["pages"] = pages;
    state.SetLabel("2,000 people by organization, A4");
}
BENCHMARK(BM_DeskRoster2000)->Unit(benchmark::kMillisecond)->MinTime(2);

struct CupsServer {
    std::string dir;
    std::string problem;
    CupsServer() {
        const std::string script = std::string(UKETSUKE_SOURCE_DIR) + "/tests/paper/cups_server.sh";
        FILE* pipe = popen(("/bin/bash '" + script + "' start 2>&1").c_str(), "r");
        std::string out;
        char buffer[512];
        while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
        if (!pipe || pclose(pipe) != 0) {
            problem = "no cupsd: " + out;
            return;
        }
        std::smatch match;
        if (!std::regex_search(out, match, std::regex(R"(dir=(\S+))"))) {
            problem = out;
            return;
        }
        dir = match[1];
        std::filesystem::create_directories(dir + "/out");
        const std::string add =
            "/usr/sbin/lpadmin -h " + dir + "/cups.sock -p bench -v capture:" + dir + "/out -E";
        if (std::system(add.c_str()) != 0) problem = "lpadmin failed";
        setenv("CUPS_SERVER", (dir + "/cups.sock").c_str(), 1);
    }
    ~CupsServer() {
        if (dir.empty()) return;
        const std::string script = std::string(UKETSUKE_SOURCE_DIR) + "/tests/paper/cups_server.sh";
        (void)std::system(("/bin/bash '" + script + "' stop '" + dir + "'").c_str());
    }
};

void BM_OneTagToCups(benchmark::State& state) {
    static CupsServer server;
    if (!server.problem.empty()) {
        state.SkipWithError(server.problem.c_str());
        return;
    }
    const TagLayout label = layout("ql-62x100");
    const auto one = people(1);
    PrintRequest request;
    request.printer = "bench";
    request.title = "名札";
    for (auto _ : state) {
        auto pdf = render_tags(label, one);
        auto job = pdf ? print_pdf(request, pdf.value().pdf) : PaperResult<int>(pdf.error());
        if (!job) {
            state.SkipWithError(job.error().message.c_str());
            return;
        }
        benchmark::DoNotOptimize(job.value());
    }
    state.SetLabel("render one ql-62x100 label and queue it (until CUPS accepted the job)");
}
BENCHMARK(BM_OneTagToCups)->Unit(benchmark::kMillisecond)->Iterations(50);

#ifdef UKETSUKE_HAVE_APP
// The loop's part, as kiosk_loop.cpp does it: the check-in worker's result arrives, the print
// decision is made and the tag handed to the print worker, and the welcome is ready to draw.
// Scans come every 150 ms (a fast door is one every 2 s), so with printing on the print worker
// is busy during most scans and competes for the 2 cores.
void BM_ScanToWelcome(benchmark::State& state) {
    static CupsServer server;
    const bool printing = state.range(0) == 1;
    if (printing && !server.problem.empty()) {
        state.SkipWithError(server.problem.c_str());
        return;
    }
    uketsuke::testing::TempDir dir;
    const std::string path = (dir / "event.db").string();
    constexpr int kPeople = 400;
    {
        EventStore store =
            EventStore::create(path, EventInfo{"00112233445566778899aabbccddeeff", "自治体DX研究会",
                                               "2026-03-14", "Hall", "Asia/Tokyo"});
        const auto tags = people(kPeople);
        for (int i = 0; i < kPeople; ++i) {
            Participant p;
            p.id = tags[static_cast<std::size_t>(i)].id;
            p.name = tags[static_cast<std::size_t>(i)].name;
            p.reading = tags[static_cast<std::size_t>(i)].reading;
            p.organization = tags[static_cast<std::size_t>(i)].organization;
            store.upsert_participant(p, i);
            store.set_code("C" + std::to_string(i), p.id, "platform");
        }
    }
    std::mutex mutex;
    std::condition_variable woken;
    bool wake = false;
    const auto notify = [&] {
        {
            std::lock_guard lock(mutex);
            wake = true;
        }
        woken.notify_all();
    };
    app::CheckinWorker checkins(path, "A", "", notify);
    std::unique_ptr<app::PrintWorker> printer;
    if (printing) {
        app::PrintSettings settings;
        settings.printer = "bench";
        settings.layout = "ql-62";
        printer = std::make_unique<app::PrintWorker>(path, settings, [] {});
    }
    std::vector<double> welcome_ms;
    std::vector<double> commit_ms;  // the check-in worker's own part, on its thread
    // The loop's printer->submit: a normal print thread woken by it often ran at once on the
    // loop's core, and the welcome waited for a slice of the render (print_worker.cpp).
    std::vector<double> handoff_ms;
    std::vector<double> render, spool;
    int tags_waiting = 0;  // handed over, no answer yet
    int scans_while_printing = 0;
    const auto take_tags = [&] {
        if (!printer) return;
        for (const auto& result : printer->take_results()) {
            if (result.kind != app::PrintJob::Kind::Tag) continue;
            --tags_waiting;
            if (!result.printed) continue;
            render.push_back(result.render_ms);
            spool.push_back(result.spool_ms);
        }
    };
    const auto ms_since = [](std::chrono::steady_clock::time_point began) {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began)
            .count();
    };
    std::uint64_t scan = 0;
    for (auto _ : state) {
        take_tags();
        if (tags_waiting > 0) ++scans_while_printing;
        const auto began = std::chrono::steady_clock::now();
        checkins.submit(ui::SubmitScan{
            ++scan, "C" + std::to_string(scan % kPeople), CheckinMethod::Camera, {}});
        bool welcomed = false;
        while (!welcomed) {
            {
                std::unique_lock lock(mutex);
                woken.wait(lock, [&] { return wake; });
                wake = false;
            }
            for (const auto& result : checkins.take_results()) {
                if (!result.scan) continue;
                commit_ms.push_back(result.commit_ms);
                if (printer && result.finished.outcome == CheckinOutcome::CheckedIn) {
                    const auto handing = std::chrono::steady_clock::now();
                    printer->submit(
                        {app::PrintJob::Kind::Tag, result.participant_id, kPrintOnCheckin});
                    handoff_ms.push_back(ms_since(handing));
                    ++tags_waiting;
                }
                welcomed = true;
            }
        }
        const double ms = ms_since(began);
        welcome_ms.push_back(ms);
        state.SetIterationTime(ms / 1000);
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
    const auto at = [](std::vector<double>& values, double q) {
        std::sort(values.begin(), values.end());
        return values[std::min(values.size() - 1,
                               static_cast<std::size_t>(q * static_cast<double>(values.size())))];
    };
    state.counters["p50_ms"] = at(welcome_ms, 0.5);
    state.counters["p99_ms"] = at(welcome_ms, 0.99);
    state.counters["max_ms"] = welcome_ms.back();
    state.counters["commit_p50_ms"] = at(commit_ms, 0.5);
    if (printer) {
        state.counters["handoff_p50_ms"] = at(handoff_ms, 0.5);
        state.counters["handoff_p90_ms"] = at(handoff_ms, 0.9);
        state.counters["scans_while_printing"] = scans_while_printing;
        // Every tag's own times, once the worker has caught up.
        for (int waited = 0; waited < 600 && tags_waiting > 0; ++waited) {
            take_tags();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        state.counters["tags_printed"] = static_cast<double>(render.size());
        if (!render.empty()) {
            state.counters["tag_render_p50_ms"] = at(render, 0.5);
            state.counters["tag_spool_p50_ms"] = at(spool, 0.5);
        }
    }
    state.SetLabel(printing ? "printing on: a ql-62 tag to CUPS at every check-in"
                            : "printing off");
}
BENCHMARK(BM_ScanToWelcome)
    ->Arg(0)
    ->Arg(1)
    ->Arg(0)
    ->Arg(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(60);
#endif

}  // namespace
