// ReadInputFile: a stats file or a scaling CSV, read whole.
//
// config/text_file.h does the same for seed files; the report component links only arachne_common, so it
// has these few lines of its own.
#pragma once

#include <string>

#include "arachne/status.h"

namespace arachne::report {

// NotFound when the file does not exist, IoError for any other failure (a folder: EISDIR); the message
// names the file: "output/x.stats.json: cannot read: No such file or directory".
Result<std::string> ReadInputFile(const std::string& path);

}  // namespace arachne::report
