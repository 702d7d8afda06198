#include "export/links_exporter.h"

#include <utility>

#include "export/csv_field.h"
#include "export/file_exporter.h"

namespace arachne {

namespace {

class LinksExporter final : public FileExporter {
 public:
  explicit LinksExporter(BufferedFile file) : FileExporter(std::move(file)) {
    if (file_.size() == 0) file_.buffer() += "from,to\r\n";
  }

  Status Write(const Record&) override { return file_.CheckWritable(); }

  Status Links(std::string_view from, const std::vector<std::string>& to) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    std::string& out = file_.buffer();
    for (const std::string& target : to) {
      AppendCsvField(out, from);
      out += ',';
      AppendCsvField(out, target);
      out += "\r\n";
    }
    return file_.WriteIfFull();
  }
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenLinksExporter(const std::string& path,
                                                    std::optional<std::uint64_t> resume_at) {
  return OpenFileExporter<LinksExporter>(path, resume_at);
}

}  // namespace arachne
