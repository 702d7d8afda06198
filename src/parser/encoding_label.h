// EncodingForLabel: the WHATWG Encoding Standard's "get an encoding" (section 4.2): what a charset label
// found in a Content-Type header or a <meta> stands for.
//
// Labels are many and names few: "latin1", "iso-8859-1", "us-ascii" and "cp1252" all name windows-1252,
// because that is how browsers have always decoded pages so labelled, and pages depend on it (bytes
// 0x80-0x9F are the euro sign and curly quotes, not C1 controls).
#pragma once

#include <string_view>
#include <vector>

namespace arachne {

// The Encoding Standard's name ("utf-8", "windows-1252", "shift_jis", "gbk", "utf-16le", "replacement"
// ...) for `label`, compared after trimming ASCII whitespace, ASCII case-insensitively; "" for a label
// the standard does not know. The view is of static storage.
std::string_view EncodingForLabel(std::string_view label);

// Every name EncodingForLabel can return, once each.
std::vector<std::string_view> EveryEncoding();

}  // namespace arachne
