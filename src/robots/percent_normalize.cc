#include "robots/percent_normalize.h"

#include "url/percent_encode.h"

namespace arachne {

namespace {

using percent_encode::EscapeAt;
using percent_encode::IsUnreserved;

bool IsLowerHex(char c) {
  return c >= 'a' && c <= 'f';
}

// Octets that are never left bare: everything outside printable ASCII.
bool MustEncode(unsigned char c) {
  return c <= 0x20 || c >= 0x7F;
}

void AppendEscape(std::string& out, unsigned char c) { percent_encode::AppendEncodedByte(out, c); }

}  // namespace

std::string NormalizePercentEncoding(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const int escaped = EscapeAt(text, i);
    if (escaped >= 0) {
      const auto decoded = static_cast<unsigned char>(escaped);
      if (IsUnreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        AppendEscape(out, decoded);
      }
      i += 2;
    } else if (MustEncode(c)) {
      AppendEscape(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool IsPercentNormalized(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (MustEncode(c)) return false;
    if (c != '%') continue;
    const int escaped = EscapeAt(text, i);
    if (escaped < 0) continue;
    if (IsUnreserved(static_cast<unsigned char>(escaped))) return false;
    if (IsLowerHex(text[i + 1]) || IsLowerHex(text[i + 2])) return false;
    i += 2;
  }
  return true;
}

}  // namespace arachne
