#include "robots/percent_normalize.h"

namespace arachne {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsLowerHex(char c) {
  return c >= 'a' && c <= 'f';
}

// RFC 3986 section 2.3.
bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Octets that are never left bare: everything outside printable ASCII.
bool MustEncode(unsigned char c) {
  return c <= 0x20 || c >= 0x7F;
}

// The octet a "%XY" at `text[i]` stands for, or -1 when there is no escape there.
int EscapeAt(std::string_view text, std::size_t i) {
  if (text[i] != '%' || i + 2 >= text.size()) return -1;
  const int high = HexValue(text[i + 1]);
  const int low = HexValue(text[i + 2]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

void AppendEscape(std::string& out, unsigned char c) {
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

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
