// ReadTextFile: a seed file, URL list, stats file or scaling CSV, read whole.
#pragma once

#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne {

// NotFound when the file does not exist, IoError for any other failure (a folder: EISDIR); the message
// names the file: "cannot read 'seeds/x.toml': No such file or directory".
Result<std::string> ReadTextFile(const std::string& path);

// The same, the message worded by the caller as "<failure>: <reason>", as ErrnoStatus words them:
// ReadTextFile(path, path + ": cannot read") -> "x.stats.json: cannot read: No such file or directory".
Result<std::string> ReadTextFile(const std::string& path, const std::string& failure);

// Writes `text` to `path` through `path`.tmp and a rename, so that a reader (a browser on a report, a
// tool polling a stats file) never sees half of it. The message names the file that failed.
Status WriteTextFileAtomically(const std::string& path, std::string_view text);

}  // namespace arachne
