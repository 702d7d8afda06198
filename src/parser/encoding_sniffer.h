// SniffEncoding: which encoding a fetched HTML body is in, by the HTML Standard's "encoding sniffing
// algorithm" (section 13.2.3.2, "Determining the character encoding"), without the steps that need a
// browser (a user's override, a parent document, a previous visit, frequency analysis):
//
//   1. a byte order mark (UTF-8, UTF-16BE, UTF-16LE) wins over everything;
//   2. else the charset parameter of the Content-Type header, if its label is known;
//   3. else what "prescan a byte stream to determine its encoding" finds in the first 1024 bytes:
//      <meta charset=...>, or <meta http-equiv=Content-Type content="...; charset=...">;
//   4. else a guess from the content. The standard's default is the user's locale's legacy encoding,
//      which a crawler does not have. Arachne says UTF-8 when the bytes look like UTF-8 (LooksLikeUtf8),
//      since nearly every undeclared page today is UTF-8 or ASCII and a legacy encoding rarely produces
//      valid UTF-8 by chance; else windows-1252, the default for most locales (and what "latin1" and
//      "ascii" mean on the web).
#pragma once

#include <cstddef>
#include <string_view>

namespace arachne {

enum class EncodingSource { kByteOrderMark, kContentType, kMeta, kContent };

struct SniffedEncoding {
  std::string_view encoding;  // the Encoding Standard's name ("utf-8", "shift_jis" ...), static storage
  EncodingSource source = EncodingSource::kContent;
  std::size_t bom_length = 0;  // bytes of byte order mark at the start of the body, not part of the text
};

// Steps 1 to 4 above for `body`, served with `content_type` (the header as received; may be empty).
SniffedEncoding SniffEncoding(std::string_view body, std::string_view content_type);

// The value of the charset parameter of a Content-Type header value (parameter name ASCII
// case-insensitive, value quoted or not), or "" when there is none.
std::string_view CharsetParameter(std::string_view content_type);

// HTML Standard 13.2.3.2, "prescan a byte stream to determine its encoding", over all of `bytes` (callers
// pass the first 1024): the encoding the first <meta> declaring a known one names, outside comments and
// other tags' attribute values. A declared UTF-16 comes back as UTF-8 (the bytes were read as ASCII, so
// they are not UTF-16), x-user-defined as windows-1252. "" when there is none, or when the bytes end
// inside the tag.
std::string_view PrescanForEncoding(std::string_view bytes);

// Whether `bytes` is valid UTF-8; or would be but for an incomplete sequence at its very end (a body cut
// at max_body_bytes in the middle of a character) and has a whole multi-byte character before it. That
// second condition keeps a windows-1252 page that ends in "caf\xE9" (whose last byte looks like the
// start of a three-byte sequence) from being read as UTF-8 with no other evidence.
bool LooksLikeUtf8(std::string_view bytes);

}  // namespace arachne
