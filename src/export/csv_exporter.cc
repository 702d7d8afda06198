#include "export/csv_exporter.h"

#include <utility>

#include "common/utf8.h"
#include "export/file_exporter.h"
#include "export/record_fields.h"

namespace arachne {

namespace {

// RFC 4180 section 2, rule 6: these characters force a field to be quoted.
bool NeedsQuotes(std::string_view text) {
  return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

void AppendFieldText(std::string& out, std::string_view text) {
  if (!NeedsQuotes(text)) {
    out.append(text);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';  // rule 7: a quotation mark inside is doubled
    out += c;
  }
  out += '"';
}

void AppendField(std::string& out, std::string_view text) {
  // Replacing ill-formed UTF-8 cannot add a character that needs quoting: U+FFFD is not ASCII.
  if (IsValidUtf8(text)) {
    AppendFieldText(out, text);
  } else {
    AppendFieldText(out, SanitizeUtf8(text));
  }
}

// A redirect chain in one field: the URLs separated by spaces (a normalized URL has none).
std::string JoinRedirects(const std::vector<std::string>& redirects) {
  std::string joined;
  for (const std::string& url : redirects) {
    if (!joined.empty()) joined += ' ';
    joined += url;
  }
  return joined;
}

class CsvExporter final : public FileExporter {
 public:
  explicit CsvExporter(BufferedFile file) : FileExporter(std::move(file)) {
    std::string& out = file_.buffer();
    for (std::size_t i = 0; i < kRecordFields.size(); ++i) {
      if (i > 0) out += ',';
      out += kRecordFields[i];
    }
    out += "\r\n";
  }

  Status Write(const Record& r) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    std::string& out = file_.buffer();
    AppendField(out, r.url);
    out += ',';
    AppendField(out, r.final_url);
    out += ',';
    AppendField(out, JoinRedirects(r.redirects));
    out += ',';
    AppendInteger(out, r.status);
    out += ',';
    AppendInteger(out, r.depth);
    out += ',';
    AppendField(out, r.referrer);
    out += ',';
    AppendField(out, r.content_type);
    out += ',';
    AppendInteger(out, r.bytes);
    out += ',';
    out += r.truncated ? "true" : "false";
    out += ',';
    AppendField(out, r.charset);
    out += ',';
    AppendMillis(out, r.fetch_ms);  // an empty field when not a number
    out += ',';
    AppendInteger(out, r.retries);
    out += ',';
    AppendField(out, r.title);
    out += ',';
    AppendField(out, r.description);
    out += ',';
    AppendField(out, r.canonical);
    out += ',';
    AppendField(out, r.robots);
    out += ',';
    AppendInteger(out, r.links);
    out += ',';
    AppendField(out, r.error);
    out += "\r\n";
    return file_.WriteIfFull();
  }
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenCsvExporter(const std::string& path) {
  return OpenFileExporter<CsvExporter>(path);
}

}  // namespace arachne
