// ParseUrlList: a plain list of seed URLs, as a seed file of its own or the `seeds_file` of a TOML one.
//
// One URL a line; blank lines are skipped; '#' starts a comment, either on a line of its own or after the
// URL and a space ("http://a/ # home"). A URL holds no whitespace, so a '#' right after it is its
// fragment, not a comment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/error_list.h"

namespace arachne {

// The URLs of `text`, in order. A bad line adds "<source>:<line>: <what is wrong>" to `errors` and is left
// out.
std::vector<std::string> ParseUrlList(std::string_view text, const std::string& source, ErrorList& errors);

}  // namespace arachne
