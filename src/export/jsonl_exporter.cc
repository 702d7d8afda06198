#include "export/jsonl_exporter.h"

#include <utility>

#include "export/buffered_file.h"
#include "export/record_json.h"

namespace arachne {

namespace {

class JsonlExporter final : public Exporter {
 public:
  explicit JsonlExporter(BufferedFile file) : file_(std::move(file)) {}

  Status Write(const Record& record) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    AppendRecordJson(file_.buffer(), record);
    file_.buffer() += '\n';
    return file_.WriteIfFull();
  }
  Status Flush() override { return file_.Flush(); }
  Status Close() override { return file_.Close(); }
  const std::string& path() const override { return file_.path(); }

 private:
  BufferedFile file_;
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenJsonlExporter(const std::string& path) {
  Result<BufferedFile> file = BufferedFile::Open(path);
  if (!file.ok()) return file.status();
  return std::unique_ptr<Exporter>(std::make_unique<JsonlExporter>(std::move(file).value()));
}

}  // namespace arachne
