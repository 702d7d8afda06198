#include "robots/robots_parser.h"

#include <algorithm>
#include <array>

namespace arachne {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsSpace(char c) {
  return c == ' ' || c == '\t';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

template <std::size_t N>
bool StartsWithAny(std::string_view key, const std::array<std::string_view, N>& spellings) {
  for (std::string_view spelling : spellings) {
    if (StartsWithIgnoreCase(key, spelling)) return true;
  }
  return false;
}

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kUnknown };

Key Classify(std::string_view key) {
  static constexpr std::array<std::string_view, 3> kUserAgent = {"user-agent", "useragent", "user agent"};
  static constexpr std::array<std::string_view, 6> kDisallow = {"disallow", "dissallow", "dissalow",
                                                                "disalow",  "diasllow",  "disallaw"};
  static constexpr std::array<std::string_view, 2> kSitemap = {"sitemap", "site-map"};
  static constexpr std::array<std::string_view, 2> kCrawlDelay = {"crawl-delay", "crawldelay"};
  if (StartsWithAny(key, kUserAgent)) return Key::kUserAgent;
  if (StartsWithIgnoreCase(key, "allow")) return Key::kAllow;
  if (StartsWithAny(key, kDisallow)) return Key::kDisallow;
  if (StartsWithAny(key, kSitemap)) return Key::kSitemap;
  if (StartsWithAny(key, kCrawlDelay)) return Key::kCrawlDelay;
  return Key::kUnknown;
}

// Splits a line (comment already removed) into key and value; false when it has neither form.
bool SplitKeyValue(std::string_view line, std::string_view& key, std::string_view& value) {
  line = Trim(line);
  std::size_t separator = line.find(':');
  if (separator == std::string_view::npos) {
    // Google accepts whitespace for a forgotten colon, when the line is exactly two words.
    separator = line.find_first_of(" \t");
    if (separator == std::string_view::npos) return false;
    if (Trim(line.substr(separator)).find_first_of(" \t") != std::string_view::npos) return false;
  }
  key = Trim(line.substr(0, separator));
  value = Trim(line.substr(separator + 1));
  return !key.empty();
}

void EmitLine(std::string_view line, int number, RobotsHandler& handler) {
  line = line.substr(0, line.find('#'));
  std::string_view key, value;
  if (!SplitKeyValue(line, key, value)) return;
  switch (Classify(key)) {
    case Key::kUserAgent: return handler.HandleUserAgent(number, value);
    case Key::kAllow: return handler.HandleAllow(number, value);
    case Key::kDisallow: return handler.HandleDisallow(number, value);
    case Key::kCrawlDelay: return handler.HandleCrawlDelay(number, value);
    case Key::kSitemap: return handler.HandleSitemap(number, value);
    case Key::kUnknown: return handler.HandleUnknown(number, key, value);
  }
}

}  // namespace

void ParseRobotsTxt(std::string_view body, RobotsHandler& handler) {
  // A BOM, or the start of one, is skipped (Google skips a partial one too).
  std::size_t bom = 0;
  while (bom < kBom.size() && bom < body.size() && body[bom] == kBom[bom]) ++bom;
  body.remove_prefix(bom);
  int number = 1;
  std::size_t begin = 0;
  while (begin < body.size()) {
    std::size_t end = body.find_first_of("\r\n", begin);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(begin, std::min(end - begin, kMaxLineBytes));
    EmitLine(line, number++, handler);
    begin = end + 1;
    if (end + 1 < body.size() && body[end] == '\r' && body[end + 1] == '\n') ++begin;
  }
}

}  // namespace arachne
