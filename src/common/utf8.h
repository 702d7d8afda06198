// UTF-8 checks and repair for text that comes from the web, where any byte sequence can turn up.
//
// Well-formed UTF-8 is defined by RFC 3629 section 4 (and Unicode table 3-7): overlong forms, the
// surrogates U+D800..U+DFFF and code points above U+10FFFF are not UTF-8. Exporters promise valid UTF-8
// output whatever a server sent, so they run every string through these.
#pragma once

#include <string>
#include <string_view>

namespace arachne {

// One step of decoding `text` at `i` (< text.size()): a well-formed sequence of `length` bytes that holds
// `code_point`, or (valid false) an ill-formed maximal subpart of `length` bytes that stands for one
// U+FFFD, as the WHATWG UTF-8 decoder reads it.
struct Utf8Step {
  std::size_t length;
  bool valid;
  char32_t code_point;  // when valid
};
Utf8Step DecodeUtf8Step(std::string_view text, std::size_t i);

// True when `text` is well-formed UTF-8 (the empty string is).
bool IsValidUtf8(std::string_view text);

// `text` with every ill-formed sequence replaced by U+FFFD, one replacement per maximal subpart as the
// WHATWG Encoding Standard's UTF-8 decoder does (section 4.1, "UTF-8 decoder"), so results agree with
// browsers. Valid input comes back unchanged.
std::string SanitizeUtf8(std::string_view text);

// Appends SanitizeUtf8(text) to `out` without a temporary string (for writers in hot loops).
void AppendSanitizedUtf8(std::string& out, std::string_view text);

// Cuts `text` to at most `max_bytes`, at a character boundary: no UTF-8 sequence is split.
void TruncateUtf8(std::string& text, std::size_t max_bytes);

// Runs of ASCII whitespace (space, tab, LF, FF, CR: WHATWG Infra "ASCII whitespace") become one space,
// and leading and trailing whitespace is dropped, as a browser shows a <title>.
std::string CollapseWhitespace(std::string_view text);

}  // namespace arachne
