// ReadInputFile: a stats file or a scaling CSV, read whole.
#pragma once

#include <string>

#include "arachne/status.h"

namespace arachne::report {

// common/text_file.h's ReadTextFile with the report's wording, which starts with the file like the report's
// other messages ("x.stats.json:3: ..."): NotFound when the file does not exist, IoError for any other
// failure (a folder: EISDIR); "output/x.stats.json: cannot read: No such file or directory".
Result<std::string> ReadInputFile(const std::string& path);

}  // namespace arachne::report
