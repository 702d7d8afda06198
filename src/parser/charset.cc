#include "parser/charset.h"

#include <utility>

#include "common/utf8.h"
#include "parser/utf8_converter.h"

namespace arachne {

DecodedHtml DecodeHtml(std::string_view body, std::string_view content_type, Utf8Repair repair) {
  SniffedEncoding sniffed = SniffEncoding(body, content_type);
  body.remove_prefix(sniffed.bom_length);
  if (sniffed.encoding == "utf-8") {
    if (repair == Utf8Repair::kLeaveToReader || IsValidUtf8(body)) return DecodedHtml(body, sniffed, std::nullopt);
    return DecodedHtml(body, sniffed, SanitizeUtf8(body));
  }
  Result<std::string> converted = ConvertToUtf8(body, sniffed.encoding);
  if (converted.ok()) return DecodedHtml(body, sniffed, std::move(converted).value());
  // Only if glibc was built without the converter: reading as UTF-8 keeps the markup and links.
  sniffed.encoding = "utf-8";
  return DecodedHtml(body, sniffed, SanitizeUtf8(body));
}

}  // namespace arachne
