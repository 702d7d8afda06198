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

// A list in one field: the URLs of a redirect chain separated by spaces (a normalized URL has none).
std::string JoinRedirects(const std::vector<std::string>& redirects) {
  std::string joined;
  for (const std::string& url : redirects) {
    if (!joined.empty()) joined += ' ';
    joined += url;
  }
  return joined;
}

// Appends one record's fields as a CSV row, without its line end.
class CsvRow {
 public:
  explicit CsvRow(std::string& out) : out_(out) {}

  void Text(std::string_view, const std::string& value) { AppendField(Next(), value); }
  void List(std::string_view, const std::vector<std::string>& values) { AppendField(Next(), JoinRedirects(values)); }
  template <typename Int>
  void Integer(std::string_view, Int value) { AppendInteger(Next(), value); }
  void Flag(std::string_view, bool value) { Next() += value ? "true" : "false"; }
  void Millis(std::string_view, double ms) { AppendMillis(Next(), ms); }  // an empty field when not a number

 private:
  std::string& Next() {
    if (fields_++ > 0) out_ += ',';
    return out_;
  }
  std::string& out_;
  int fields_ = 0;
};

class CsvExporter final : public FileExporter {
 public:
  explicit CsvExporter(BufferedFile file) : FileExporter(std::move(file)) {
    if (file_.size() > 0) return;  // resumed: the header is there
    std::string& out = file_.buffer();
    const std::vector<std::string_view> names = RecordFieldNames();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += ',';
      out += names[i];
    }
    out += "\r\n";
  }

  Status Write(const Record& r) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    CsvRow row(file_.buffer());
    VisitRecordFields(r, row);
    file_.buffer() += "\r\n";
    return file_.WriteIfFull();
  }
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenCsvExporter(const std::string& path,
                                                  std::optional<std::uint64_t> resume_at) {
  return OpenFileExporter<CsvExporter>(path, resume_at);
}

}  // namespace arachne
