#pragma once
// Printing through CUPS: a PDF handed to a queue (libcups, the server named by CUPS_SERVER or
// client.conf, the local one by default). A missing printer, a stopped or rejecting queue and a
// CUPS that is not running are refused at once with what to do, never a wait: the connection
// has a time limit of its own.

#include <string>
#include <string_view>

#include "paper/paper_error.hpp"

namespace uketsuke::paper {

enum class PrinterState { Idle, Printing, Stopped };

struct PrinterStatus {
    std::string name;
    PrinterState state = PrinterState::Idle;
    bool accepting = true;
    std::string reasons;  // printer-state-reasons: "none", "paused", "media-empty-error", …
    std::string message;  // printer-state-message, may be ""
};

// What CUPS says of `printer`; the error says if it does not exist or CUPS cannot be reached.
[[nodiscard]] PaperResult<PrinterStatus> printer_status(const std::string& printer);

struct PrintRequest {
    std::string printer;
    std::string title = "Uketsuke";  // the job's name in the queue
    // The document's name: ASCII only. CUPS 2.4.2's cupsd (Debian 12) crashed in tests on a
    // document-name of Japanese with a space ("自治体 名札"), taking every queue down with it.
    std::string document = "uketsuke.pdf";
    std::string media;  // the CUPS `media` option, "" to leave it to the queue
    int connect_timeout_ms = 5000;
};

// Sends `pdf` as one job; gives its job id. Refused, nothing queued: a printer that does not
// exist, is stopped or rejects jobs (the message names the command that fixes it).
[[nodiscard]] PaperResult<int> print_pdf(const PrintRequest& request, std::string_view pdf);

}  // namespace uketsuke::paper
