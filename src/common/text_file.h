// ReadTextFile: a seed file, URL list, stats file or scaling CSV, read whole.
#pragma once

#include <string>

#include "arachne/status.h"

namespace arachne {

// NotFound when the file does not exist, IoError for any other failure (a folder: EISDIR); the message
// names the file: "cannot read 'seeds/x.toml': No such file or directory".
Result<std::string> ReadTextFile(const std::string& path);

// The same, the message worded by the caller as "<failure>: <reason>", as ErrnoStatus words them:
// ReadTextFile(path, path + ": cannot read") -> "x.stats.json: cannot read: No such file or directory".
Result<std::string> ReadTextFile(const std::string& path, const std::string& failure);

}  // namespace arachne
