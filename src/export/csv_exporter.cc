#include "export/csv_exporter.h"

#include <utility>

#include "export/csv_field.h"
#include "export/file_exporter.h"
#include "export/record_json.h"
#include "export/record_fields.h"

namespace arachne {

namespace {

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
  CsvRow(std::string& out, const std::vector<std::string>& field_names, const Record& record)
      : out_(out), field_names_(field_names), fields_in_record_(record.fields) {}

  void Text(std::string_view, const std::string& value) { AppendCsvField(Next(), value); }
  void List(std::string_view, const std::vector<std::string>& values) { AppendCsvField(Next(), JoinRedirects(values)); }
  template <typename Int>
  void Integer(std::string_view, Int value) { AppendInteger(Next(), value); }
  void Flag(std::string_view, bool value) { Next() += value ? "true" : "false"; }
  void Millis(std::string_view, double ms) { AppendMillis(Next(), ms); }  // an empty field when not a number
  // [[extract]] fields are written in the header's columns by Finish.
  void Scraped(const FieldValue&) {}

  // One cell per column of the header: a record's field by its name (a page callback may have added
  // fields, in another order; the last of a name wins, as in JSON), empty when null or missing; an array as
  // its JSON text.
  void Finish() {
    for (const std::string& name : field_names_) {
      std::string& out = Next();
      const FieldValue* found = FieldNamed(fields_in_record_, name);
      if (found == nullptr || found->null) continue;
      const FieldValue& field = *found;
      if (!field.all) {
        AppendCsvField(out, field.values.empty() ? std::string_view() : field.values.front());
        continue;
      }
      std::string json;
      AppendFieldValueJson(json, field);
      AppendCsvField(out, json);
    }
  }

 private:
  std::string& Next() {
    if (fields_++ > 0) out_ += ',';
    return out_;
  }
  std::string& out_;
  const std::vector<std::string>& field_names_;
  const std::vector<FieldValue>& fields_in_record_;
  int fields_ = 0;
};

class CsvExporter final : public FileExporter {
 public:
  CsvExporter(BufferedFile file, const std::vector<std::string>& field_names)
      : FileExporter(std::move(file)), field_names_(field_names) {
    if (file_.size() > 0) return;  // resumed: the header is there
    std::string& out = file_.buffer();
    for (std::string_view name : RecordFieldNames()) {
      out += name;
      out += ',';
    }
    for (const std::string& name : field_names) {
      AppendCsvField(out, name);  // a user's name: quoted if it must be
      out += ',';
    }
    out.back() = '\r';
    out += '\n';
  }

  Status Write(const Record& r) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    CsvRow row(file_.buffer(), field_names_, r);
    VisitRecordFields(r, row);
    row.Finish();
    file_.buffer() += "\r\n";
    return file_.WriteIfFull();
  }

 private:
  std::vector<std::string> field_names_;
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenCsvExporter(const std::string& path, std::optional<std::uint64_t> resume_at,
                                                  const std::vector<std::string>& field_names) {
  return OpenFileExporter<CsvExporter>(path, resume_at, field_names);
}

}  // namespace arachne
