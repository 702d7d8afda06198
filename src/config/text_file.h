// ReadTextFile: a seed file or URL list, read whole.
#pragma once

#include <string>

#include "arachne/status.h"

namespace arachne {

// NotFound when the file does not exist, IoError for any other failure; the message names the file:
// "cannot read 'seeds/x.toml': No such file or directory".
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace arachne
