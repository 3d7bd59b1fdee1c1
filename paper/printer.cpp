#include "paper/printer.hpp"

#include <cups/cups.h>
#include <fmt/format.h>

#include <memory>

namespace uketsuke::paper {
namespace {

struct HttpRelease {
    void operator()(http_t* http) const { httpClose(http); }
};
using Http = std::unique_ptr<http_t, HttpRelease>;

struct Destination {
    cups_dest_t* dest = nullptr;
    ~Destination() {
        if (dest) cupsFreeDests(1, dest);
    }
};

std::string server_name() {
    const std::string server = cupsServer();
    return server.empty() || server[0] == '/' ? server : fmt::format("{}:{}", server, ippPort());
}

PaperResult<Http> connect(int timeout_ms) {
    int cancel = 0;
    Http http(httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1,
                           timeout_ms, &cancel));
    if (!http) {
        return PaperError{fmt::format(
            "CUPS is not running or cannot be reached at {} ({}): start it (service cups start) "
            "or set CUPS_SERVER",
            server_name(), cupsLastErrorString())};
    }
    return http;
}

const char* option(const cups_dest_t& dest, const char* name) {
    const char* value = cupsGetOption(name, dest.num_options, dest.options);
    return value ? value : "";
}

PaperResult<PrinterStatus> status_on(http_t* http, const std::string& printer) {
    Destination found;
    found.dest = cupsGetNamedDest(http, printer.c_str(), nullptr);
    if (!found.dest) {
        if (cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ||
            cupsLastError() == IPP_STATUS_ERROR_INTERNAL) {
            return PaperError{
                fmt::format("CUPS at {} did not answer: {}", server_name(), cupsLastErrorString())};
        }
        return PaperError{
            fmt::format("there is no printer \"{}\" in CUPS at {} (lpstat -p lists the printers)",
                        printer, server_name())};
    }
    PrinterStatus status;
    status.name = printer;
    const std::string state = option(*found.dest, "printer-state");
    status.state = state == "5"   ? PrinterState::Stopped
                   : state == "4" ? PrinterState::Printing
                                  : PrinterState::Idle;
    status.accepting = std::string(option(*found.dest, "printer-is-accepting-jobs")) != "false";
    status.reasons = option(*found.dest, "printer-state-reasons");
    status.message = option(*found.dest, "printer-state-message");
    return status;
}

std::string why(const PrinterStatus& status) {
    std::string detail = status.reasons.empty() || status.reasons == "none" ? "" : status.reasons;
    if (!status.message.empty()) detail += (detail.empty() ? "" : ", ") + status.message;
    return detail.empty() ? "" : fmt::format(" ({})", detail);
}

}  // namespace

PaperResult<PrinterStatus> printer_status(const std::string& printer) {
    auto http = connect(5000);
    if (!http) return http.error();
    return status_on(http.value().get(), printer);
}

PaperResult<int> print_pdf(const PrintRequest& request, std::string_view pdf) {
    auto http = connect(request.connect_timeout_ms);
    if (!http) return http.error();
    http_t* connection = http.value().get();
    auto status = status_on(connection, request.printer);
    if (!status) return status.error();
    if (status.value().state == PrinterState::Stopped) {
        return PaperError{fmt::format(
            "the printer \"{}\" is stopped{}: a job would wait in its queue; check the printer, "
            "then start the queue with: cupsenable {}",
            request.printer, why(status.value()), request.printer)};
    }
    if (!status.value().accepting) {
        return PaperError{fmt::format("the printer \"{}\" is rejecting jobs{}: cupsaccept {}",
                                      request.printer, why(status.value()), request.printer)};
    }
    cups_option_t* options = nullptr;
    int count = 0;
    if (!request.media.empty())
        count = cupsAddOption("media", request.media.c_str(), count, &options);
    const int job =
        cupsCreateJob(connection, request.printer.c_str(), request.title.c_str(), count, options);
    cupsFreeOptions(count, options);
    if (job == 0) {
        return PaperError{fmt::format("CUPS refused a job for \"{}\": {}", request.printer,
                                      cupsLastErrorString())};
    }
    if (cupsStartDocument(connection, request.printer.c_str(), job, request.title.c_str(),
                          CUPS_FORMAT_PDF, 1) != HTTP_STATUS_CONTINUE) {
        cupsCancelJob2(connection, request.printer.c_str(), job, 0);
        return PaperError{fmt::format("CUPS did not take job {} for \"{}\": {}", job,
                                      request.printer, cupsLastErrorString())};
    }
    constexpr std::size_t kChunk = 64 * 1024;
    for (std::size_t at = 0; at < pdf.size(); at += kChunk) {
        const std::size_t length = std::min(kChunk, pdf.size() - at);
        if (cupsWriteRequestData(connection, pdf.data() + at, length) != HTTP_STATUS_CONTINUE) {
            cupsFinishDocument(connection, request.printer.c_str());
            cupsCancelJob2(connection, request.printer.c_str(), job, 0);
            return PaperError{fmt::format("sending job {} to \"{}\" failed: {}", job,
                                          request.printer, cupsLastErrorString())};
        }
    }
    if (cupsFinishDocument(connection, request.printer.c_str()) > IPP_STATUS_OK_CONFLICTING) {
        return PaperError{fmt::format("CUPS did not accept job {} for \"{}\": {}", job,
                                      request.printer, cupsLastErrorString())};
    }
    return job;
}

}  // namespace uketsuke::paper
