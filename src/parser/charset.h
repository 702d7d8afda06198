// DecodeHtml: a fetched HTML body, in whatever encoding it came, as UTF-8 for Gumbo (which reads only
// UTF-8).
//
// The encoding is determined as the HTML Standard's "determining the character encoding" (13.2.3.2)
// does, without the parts that need a browser: a byte order mark first; then the charset parameter of
// the Content-Type header; then the <meta charset> or <meta http-equiv=Content-Type> found by the
// "prescan a byte stream" algorithm in the first 1024 bytes; else UTF-8 if the bytes are valid UTF-8,
// and windows-1252 (the standard's default for most locales) if not. Labels are mapped with the
// Encoding Standard's table, so "latin1", "iso-8859-1" and "ascii" all mean windows-1252, and a
// <meta> that claims UTF-16 means UTF-8.
//
// Conversion uses iconv. A byte sequence invalid in the encoding becomes U+FFFD and conversion goes on:
// the result is always valid UTF-8, whatever the input. Valid UTF-8 input is not copied.
#pragma once

#include <string>
#include <string_view>

namespace arachne {

struct DecodedHtml {
  std::string_view text;  // valid UTF-8: into the body itself, or into `converted`
  std::string charset;    // the Encoding Standard's name of what was decoded: "utf-8", "windows-1252" ...
  std::string converted;  // storage when the body had to be converted or repaired
};

DecodedHtml DecodeHtml(std::string_view body, std::string_view content_type);

// The Encoding Standard's name for a label ("Latin1" -> "windows-1252"), or "" for an unknown label.
std::string EncodingForLabel(std::string_view label);

// The charset parameter of a Content-Type value, unquoted; "" when it has none.
std::string_view CharsetParameter(std::string_view content_type);

// The encoding named by <meta> in the first 1024 bytes (HTML Standard "prescan a byte stream to
// determine its encoding"), or "" when there is none or its label is unknown.
std::string PrescanForEncoding(std::string_view bytes);

}  // namespace arachne
