#include "export/warc_exporter.h"

#include <chrono>
#include <filesystem>
#include <utility>

#include "export/file_exporter.h"
#include "export/warc_record.h"

namespace arachne {

namespace {

class WarcExporter final : public FileExporter {
 public:
  WarcExporter(BufferedFile file, const std::vector<std::pair<std::string, std::string>>& warcinfo,
               WarcRecordIds ids)
      : FileExporter(std::move(file)) {
    if (file_.size() > 0) return;  // resumed: the warcinfo record is there
    const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
    file_.buffer() +=
        WarcInfoRecord(std::filesystem::path(file_.path()).filename().string(), now_ms, warcinfo, ids);
  }

  Status Write(const Record&) override { return file_.CheckWritable(); }

  Status Archive(std::string_view warc_records) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    file_.buffer() += warc_records;
    return file_.WriteIfFull();
  }
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenWarcExporter(
    const std::string& path, std::optional<std::uint64_t> resume_at,
    const std::vector<std::pair<std::string, std::string>>& warcinfo) {
  Result<WarcRecordIds> ids = WarcRecordIds::Create();
  if (!ids.ok()) return ids.status();
  return OpenFileExporter<WarcExporter>(path, resume_at, warcinfo, *ids);
}

}  // namespace arachne
