// DecodeHtml: a fetched HTML body, in whatever encoding it came, as UTF-8 for Gumbo (which reads only
// UTF-8 and is told nothing else).
//
// The encoding comes from SniffEncoding (encoding_sniffer.h: byte order mark, Content-Type, <meta>
// prescan, else a guess from the bytes); the text from ConvertToUtf8 (utf8_converter.h: iconv, invalid
// bytes as U+FFFD). Valid UTF-8, the common case, is neither copied nor converted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "parser/encoding_sniffer.h"

namespace arachne {

class DecodedHtml {
 public:
  DecodedHtml(std::string_view body, SniffedEncoding sniffed, std::optional<std::string> converted)
      : body_(body), sniffed_(sniffed), converted_(std::move(converted)) {}

  // UTF-8, whatever the body was: a view of the body itself (without its byte order mark) when that was
  // UTF-8, else of the converted copy this object owns. Valid UTF-8 unless decoded with
  // Utf8Repair::kLeaveToReader.
  std::string_view text() const { return converted_ ? std::string_view(*converted_) : body_; }
  // The Encoding Standard's name of the encoding the text was decoded from: "utf-8", "windows-1252",
  // "shift_jis" ... (static storage).
  std::string_view charset() const { return sniffed_.encoding; }
  EncodingSource source() const { return sniffed_.source; }
  // Whether text() had to be copied (converted from another encoding, or ill-formed UTF-8 repaired).
  bool copied() const { return converted_.has_value(); }

 private:
  std::string_view body_;
  SniffedEncoding sniffed_;
  std::optional<std::string> converted_;
};

// What becomes of a body in UTF-8 that is not all well-formed.
enum class Utf8Repair {
  kRepair,  // text() is valid UTF-8: ill-formed sequences are replaced by U+FFFD in a copy
  // text() is the body as it came, ill-formed sequences and all, without the pass that checks it (a
  // fifth of a parser's time on the test site): for a reader that replaces them itself, as both page
  // readers do (ScanPage and Gumbo turn each maximal ill-formed subpart into U+FFFD, as kRepair would).
  kLeaveToReader,
};

// `body` (which must outlive the result) served with `content_type` (the header as received), decoded.
// Never fails: an encoding iconv cannot convert is read as UTF-8, repaired, and reported as "utf-8".
DecodedHtml DecodeHtml(std::string_view body, std::string_view content_type, Utf8Repair repair = Utf8Repair::kRepair);

}  // namespace arachne
