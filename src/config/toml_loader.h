// LoadTomlConfig: a TOML seed file (https://toml.io/en/v1.0.0) into a Config.
//
// Every problem is gathered, each as "<source>:<line>: [table] key: what is wrong", and returned together,
// one a line: syntax errors (then nothing else can be read), unknown tables and keys at any level, values
// of the wrong type (TOML is typed: 3.0 is a float, "3" a string, neither is an integer), values out of
// range, bad URLs, domains and regexes, unknown output formats, an unreadable seeds_file, no seeds at all.
#pragma once

#include <string>
#include <string_view>

#include "arachne/config.h"
#include "arachne/status.h"

namespace arachne {

// `source` names the text in messages, and its folder is where a relative seeds_file is looked up (the
// current folder when it has none). `default_name` is the crawl's name when the file gives none.
Result<Config> LoadTomlConfig(std::string_view text, const std::string& source,
                              const std::string& default_name);

}  // namespace arachne
