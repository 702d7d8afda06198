#include "export/json_exporter.h"

#include <utility>

#include "export/file_exporter.h"
#include "export/record_json.h"

namespace arachne {

namespace {

class JsonExporter final : public FileExporter {
 public:
  explicit JsonExporter(BufferedFile file) : FileExporter(std::move(file)) {
    if (file_.size() == 0) file_.buffer() += '[';
    empty_ = file_.size() == 1;  // "[" and no record yet
  }
  ~JsonExporter() override { (void)Close(); }

  Status Write(const Record& record) override {
    if (Status s = file_.CheckWritable(); !s.ok()) return s;
    file_.buffer() += empty_ ? "\n" : ",\n";
    empty_ = false;
    AppendRecordJson(file_.buffer(), record);
    return file_.WriteIfFull();
  }
  Status Close() override {
    if (!file_.closed()) file_.buffer() += "\n]\n";
    return file_.Close();
  }

 private:
  bool empty_ = true;
};

}  // namespace

Result<std::unique_ptr<Exporter>> OpenJsonExporter(const std::string& path,
                                                   std::optional<std::uint64_t> resume_at) {
  return OpenFileExporter<JsonExporter>(path, resume_at);
}

}  // namespace arachne
