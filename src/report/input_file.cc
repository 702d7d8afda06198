#include "report/input_file.h"

#include "common/text_file.h"

namespace arachne::report {

Result<std::string> ReadInputFile(const std::string& path) {
  return ReadTextFile(path, path + ": cannot read");
}

}  // namespace arachne::report
