#pragma once
// Certificates (修了証, 参加証明書): one A4 page per person, from a wording template in TOML
// (assets/paper/certificates/*.toml ships completion and participation, Japanese) and a page
// layout in code: the serial number, the title, organization and name, the body, the sessions
// attended, the date and the issuer. Who gets one is the caller's: the completion rule
// (kiosk/core/attendance/completion.hpp) decides.

#include <filesystem>
#include <string>
#include <vector>

#include "paper/paper_error.hpp"
#include "paper/text_box.hpp"

namespace uketsuke::paper {

// The texts may hold {name} {organization} {programme} {event} {serial} {date} {attended}
// {sessions}; any other {…} is refused where it is written.
struct CertificateTemplate {
    std::string name;  // the file's stem: "completion"
    std::string title = "修　了　証";
    std::string serial = "第 {serial} 号";
    int serial_digits = 3;  // {serial} padded with zeros to this many digits
    std::string honorific = "殿";
    std::string programme = "{event}";
    std::string body;
    std::string sessions_heading = "出席した回";
    std::string date = "{date}";
    std::string issuer = "{event}";
    std::string font = "Noto Sans CJK JP";
};

// A bad key, a value of the wrong kind, an unknown {placeholder}: "FILE:line:column: …".
[[nodiscard]] PaperResult<CertificateTemplate> parse_certificate_template(
    const std::string& text, const std::string& source_name);
[[nodiscard]] PaperResult<CertificateTemplate> load_certificate_template(
    const std::filesystem::path& file);
// A shipped template by name (completion, participation) or a file of one's own.
[[nodiscard]] PaperResult<CertificateTemplate> find_certificate_template(
    const std::string& name_or_path);
[[nodiscard]] std::filesystem::path shipped_certificates_directory();

struct CertificatePerson {
    std::string name;
    std::string organization;
    std::vector<std::string> sessions;  // attended, as the page lists them: "3月14日　第1回"
    int attended = 0;
    int of_sessions = 0;
};

struct CertificateRun {
    std::string event;
    std::string programme;  // "" takes the template's (by default the event's name)
    std::string date;       // the date written on them: 2026年3月14日
    int first_serial = 1;
};

enum class CertificateField { Serial, Title, Organization, Name, Body, Sessions, Date, Issuer };

struct CertificatePlaced {
    std::size_t person = 0;
    CertificateField field = CertificateField::Name;
    std::string text;
    SetText set;
};

struct CertificatesPdf {
    std::string pdf;
    int pages = 0;
    std::vector<std::string> serials;  // one per person, in order
    std::vector<CertificatePlaced> placed;
    std::vector<std::size_t> cut;  // people whose name or organization was cut with "…"
};

[[nodiscard]] PaperResult<CertificatesPdf> render_certificates(
    const CertificateTemplate& wording, const CertificateRun& run,
    const std::vector<CertificatePerson>& people, bool keep_placements = false);

}  // namespace uketsuke::paper
