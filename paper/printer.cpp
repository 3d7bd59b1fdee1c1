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

struct IppRelease {
    void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using Ipp = std::unique_ptr<ipp_t, IppRelease>;

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

std::string text_of(ipp_t* response, const char* name) {
    ipp_attribute_t* attribute = ippFindAttribute(response, name, IPP_TAG_ZERO);
    if (!attribute) return {};
    std::string joined;
    for (int i = 0; i < ippGetCount(attribute); ++i) {
        const char* value = ippGetString(attribute, i, nullptr);
        if (!value) continue;
        if (!joined.empty()) joined += ", ";
        joined += value;
    }
    return joined;
}

// Get-Printer-Attributes for the queue: its state, why, and whether it takes jobs.
PaperResult<PrinterStatus> status_on(http_t* http, const std::string& printer) {
    char uri[1024];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0,
                     "/printers/%s", printer.c_str());
    ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri);
    static const char* const kWanted[] = {"printer-state", "printer-state-reasons",
                                          "printer-state-message", "printer-is-accepting-jobs"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr,
                  kWanted);
    Ipp response(cupsDoRequest(http, request, "/"));  // takes the request
    const ipp_status_t status = cupsLastError();
    if (status == IPP_STATUS_ERROR_NOT_FOUND) {
        return PaperError{
            fmt::format("there is no printer \"{}\" in CUPS at {} (lpstat -p lists the printers)",
                        printer, server_name())};
    }
    if (!response || status > IPP_STATUS_OK_CONFLICTING) {
        return PaperError{fmt::format("CUPS at {} did not answer for \"{}\": {}", server_name(),
                                      printer, cupsLastErrorString())};
    }
    PrinterStatus found;
    found.name = printer;
    ipp_attribute_t* state = ippFindAttribute(response.get(), "printer-state", IPP_TAG_ENUM);
    const int value = state ? ippGetInteger(state, 0) : IPP_PSTATE_IDLE;
    found.state = value == IPP_PSTATE_STOPPED      ? PrinterState::Stopped
                  : value == IPP_PSTATE_PROCESSING ? PrinterState::Printing
                                                   : PrinterState::Idle;
    ipp_attribute_t* accepting =
        ippFindAttribute(response.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    found.accepting = !accepting || ippGetBoolean(accepting, 0);
    found.reasons = text_of(response.get(), "printer-state-reasons");
    found.message = text_of(response.get(), "printer-state-message");
    return found;
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
    std::string document = request.document;
    for (char& c : document)
        if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) c = '_';
    if (cupsStartDocument(connection, request.printer.c_str(), job, document.c_str(),
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
