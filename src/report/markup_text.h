// Text and numbers as they go into the report's HTML and its inline SVG.
//
// Everything the report shows comes from files a crawl wrote about pages on the web: URLs, hosts, content
// types are untrusted text, and each one passes through EscapeMarkup before it reaches the page.
#pragma once

#include <string>
#include <string_view>

namespace arachne::report {

// Text made safe for HTML text, a quoted HTML attribute value and SVG <text> alike: the five characters
// with a meaning in markup become character references (HTML Standard 13.1.4, "character references"),
// and the control characters the HTML parser reports as errors (13.2.3.5, "control" code points;
// NUL is dropped in text) become U+FFFD.
std::string EscapeMarkup(std::string_view text);

// A coordinate or length for an SVG attribute: at most two decimals, no trailing zeros, and "0" for a
// value that is not finite, so no "nan" or "inf" can reach a path (SVG 2, 4.2 "Basic data types": a
// <number> has no such values).
std::string SvgNumber(double value);

// The characters of UTF-8 `text` (code points: bytes that do not continue a sequence), for estimating how
// wide a label is.
std::size_t CharacterCount(std::string_view text);

// `text` cut to at most `max_chars` UTF-8 characters, "…" standing for the rest; never splits a character.
std::string ShortenText(std::string_view text, std::size_t max_chars);

}  // namespace arachne::report
