#include "report/markup_text.h"

#include <cmath>
#include <cstdio>

namespace arachne::report {

namespace {

constexpr char kReplacementCharacter[] = "\xEF\xBF\xBD";  // U+FFFD

// C0 controls other than tab, line feed and carriage return, and DEL: parse errors in HTML text.
bool IsBadControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

// A byte that continues a UTF-8 sequence (10xxxxxx).
bool IsContinuationByte(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += IsBadControl(c) ? std::string(kReplacementCharacter) : std::string(1, ch);
    }
  }
  return out;
}

std::string SvgNumber(double value) {
  if (!std::isfinite(value)) return "0";
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  if (out == "-0") return "0";
  return out;
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t chars = 0;
  for (const char c : text) chars += IsContinuationByte(static_cast<unsigned char>(c)) ? 0 : 1;
  return chars;
}

std::string ShortenText(std::string_view text, std::size_t max_chars) {
  if (max_chars == 0) return "";
  std::size_t chars = 0;
  std::size_t cut = text.size();  // where the (max_chars)th character starts
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (IsContinuationByte(static_cast<unsigned char>(text[i]))) continue;
    if (chars == max_chars - 1) cut = i;
    if (++chars > max_chars) return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";  // U+2026
  }
  return std::string(text);
}

}  // namespace arachne::report
