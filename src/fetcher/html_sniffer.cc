#include "fetcher/html_sniffer.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace arachne {

namespace {

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// The MIME type's essence: "Text/HTML; charset=utf-8" -> "text/html".
std::string_view Essence(std::string_view content_type, std::array<char, 64>& buffer) {
  std::size_t end = content_type.find(';');
  std::string_view type = content_type.substr(0, end);
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front()))) type.remove_prefix(1);
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.remove_suffix(1);
  std::size_t n = std::min(type.size(), buffer.size());
  for (std::size_t i = 0; i < n; ++i)
    buffer[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(type[i])));
  return {buffer.data(), n};
}

// The HTML patterns of the sniffing table: a tag name followed by a space or '>'.
bool SniffsAsHtml(std::string_view body) {
  std::size_t i = 0;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 byte order mark
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
  std::string_view rest = body.substr(i);
  static constexpr std::string_view kPatterns[] = {
      "<!doctype html", "<html",  "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a",
      "<style",         "<title", "<b",    "<body",   "<br",     "<p",  "<!--"};
  for (std::string_view pattern : kPatterns) {
    if (!StartsWithNoCase(rest, pattern)) continue;
    if (pattern == "<!--") return true;
    if (rest.size() == pattern.size()) return false;
    char next = rest[pattern.size()];
    if (next == ' ' || next == '>') return true;
  }
  return false;
}

}  // namespace

bool IsSniffedType(std::string_view content_type) {
  std::array<char, 64> buffer{};
  std::string_view essence = Essence(content_type, buffer);
  return essence.empty() || essence == "text/plain" || essence == "application/octet-stream" ||
         essence == "unknown/unknown" || essence == "*/*";
}

bool IsHtmlResponse(std::string_view content_type, std::string_view body) {
  std::array<char, 64> buffer{};
  std::string_view essence = Essence(content_type, buffer);
  if (essence == "text/html" || essence == "application/xhtml+xml") return true;
  return IsSniffedType(content_type) && SniffsAsHtml(body);
}

}  // namespace arachne
