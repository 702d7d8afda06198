#include "export/json_exporter.h"

#include <utility>

#include "export/buffered_file.h"
#include "export/record_json.h"

namespace arachne {

namespace {

class JsonExporter final : public Exporter {
 public:
  explicit JsonExporter(BufferedFile file) : file_(std::move(file)) { file_.buffer() += '['; }
  ~JsonExporter() override { (void)Close(); }

  Status Write(const Record& record) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    file_.buffer() += empty_ ? "\n" : ",\n";
    empty_ = false;
    AppendRecordJson(file_.buffer(), record);
    return file_.WriteIfFull();
  }
  Status Flush() override { return file_.Flush(); }
  Status Close() override {
    if (!file_.closed()) file_.buffer() += "\n]\n";
    return file_.Close();
  }
  const std::string& path() const override { return file_.path(); }

 private:
  BufferedFile file_;
  bool empty_ = true;
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenJsonExporter(const std::string& path) {
  Result<BufferedFile> file = BufferedFile::Open(path);
  if (!file.ok()) return file.status();
  return std::unique_ptr<Exporter>(std::make_unique<JsonExporter>(std::move(file).value()));
}

}  // namespace arachne
