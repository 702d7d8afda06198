#include "export/jsonl_exporter.h"

#include <utility>

#include "export/file_exporter.h"
#include "export/record_json.h"

namespace arachne {

namespace {

class JsonlExporter final : public FileExporter {
 public:
  explicit JsonlExporter(BufferedFile file) : FileExporter(std::move(file)) {}

  Status Write(const Record& record) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    AppendRecordJson(file_.buffer(), record);
    file_.buffer() += '\n';
    return file_.WriteIfFull();
  }
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenJsonlExporter(const std::string& path,
                                                    std::optional<std::uint64_t> resume_at) {
  return OpenFileExporter<JsonlExporter>(path, resume_at);
}

}  // namespace arachne
