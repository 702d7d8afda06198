#include "parser/charset.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/utf8.h"

namespace arachne {

namespace {

constexpr std::size_t kPrescanBytes = 1024;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

// The Encoding Standard's labels (https://encoding.spec.whatwg.org/#names-and-labels), the common ones,
// each with the name it stands for.
struct Label {
  std::string_view label;
  std::string_view encoding;
};
constexpr Label kLabels[] = {
    {"unicode-1-1-utf-8", "utf-8"}, {"unicode11utf8", "utf-8"}, {"unicode20utf8", "utf-8"}, {"utf-8", "utf-8"},
    {"utf8", "utf-8"}, {"x-unicode20utf8", "utf-8"},
    {"ansi_x3.4-1968", "windows-1252"}, {"ascii", "windows-1252"}, {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"}, {"csisolatin1", "windows-1252"}, {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"}, {"iso-ir-100", "windows-1252"}, {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"}, {"iso_8859-1", "windows-1252"}, {"iso_8859-1:1987", "windows-1252"},
    {"l1", "windows-1252"}, {"latin1", "windows-1252"}, {"us-ascii", "windows-1252"},
    {"windows-1252", "windows-1252"}, {"x-cp1252", "windows-1252"},
    {"iso-8859-2", "iso-8859-2"}, {"iso8859-2", "iso-8859-2"}, {"latin2", "iso-8859-2"}, {"l2", "iso-8859-2"},
    {"iso-8859-3", "iso-8859-3"}, {"iso-8859-4", "iso-8859-4"},
    {"iso-8859-5", "iso-8859-5"}, {"cyrillic", "iso-8859-5"},
    {"iso-8859-6", "iso-8859-6"}, {"arabic", "iso-8859-6"},
    {"iso-8859-7", "iso-8859-7"}, {"greek", "iso-8859-7"},
    {"iso-8859-8", "iso-8859-8"}, {"hebrew", "iso-8859-8"}, {"iso-8859-8-i", "iso-8859-8-i"},
    {"iso-8859-10", "iso-8859-10"}, {"iso-8859-13", "iso-8859-13"}, {"iso-8859-14", "iso-8859-14"},
    {"iso-8859-15", "iso-8859-15"}, {"latin9", "iso-8859-15"}, {"l9", "iso-8859-15"},
    {"iso-8859-16", "iso-8859-16"},
    {"iso-8859-9", "windows-1254"}, {"latin5", "windows-1254"}, {"l5", "windows-1254"},
    {"iso-8859-11", "windows-874"}, {"tis-620", "windows-874"}, {"windows-874", "windows-874"},
    {"koi8-r", "koi8-r"}, {"koi8", "koi8-r"}, {"koi", "koi8-r"}, {"koi8-u", "koi8-u"}, {"koi8-ru", "koi8-u"},
    {"macintosh", "macintosh"}, {"mac", "macintosh"}, {"x-mac-roman", "macintosh"},
    {"windows-1250", "windows-1250"}, {"cp1250", "windows-1250"}, {"windows-1251", "windows-1251"},
    {"cp1251", "windows-1251"}, {"windows-1253", "windows-1253"}, {"windows-1254", "windows-1254"},
    {"windows-1255", "windows-1255"}, {"windows-1256", "windows-1256"}, {"windows-1257", "windows-1257"},
    {"windows-1258", "windows-1258"},
    {"gbk", "gbk"}, {"gb2312", "gbk"}, {"x-gbk", "gbk"}, {"chinese", "gbk"}, {"gb18030", "gb18030"},
    {"big5", "big5"}, {"big5-hkscs", "big5"}, {"x-x-big5", "big5"},
    {"euc-jp", "euc-jp"}, {"x-euc-jp", "euc-jp"}, {"iso-2022-jp", "iso-2022-jp"},
    {"shift_jis", "shift_jis"}, {"sjis", "shift_jis"}, {"x-sjis", "shift_jis"}, {"windows-31j", "shift_jis"},
    {"ms932", "shift_jis"},
    {"euc-kr", "euc-kr"}, {"ks_c_5601-1987", "euc-kr"}, {"windows-949", "euc-kr"},
    {"utf-16le", "utf-16le"}, {"utf-16", "utf-16le"}, {"x-user-defined", "x-user-defined"},
};

// What iconv calls each encoding, where glibc's closest match differs from the Encoding Standard's
// name: its windows-31j for shift_jis, gb18030 for gbk (the standard decodes gbk with the gb18030
// decoder), cp949 for euc-kr, big5-hkscs for big5.
std::string_view IconvName(std::string_view encoding) {
  static constexpr Label kIconv[] = {
      {"windows-1252", "CP1252"}, {"shift_jis", "CP932"}, {"gbk", "GB18030"}, {"gb18030", "GB18030"},
      {"euc-kr", "CP949"}, {"big5", "BIG5-HKSCS"}, {"iso-8859-8-i", "ISO-8859-8"}, {"windows-874", "CP874"},
      {"utf-16le", "UTF-16LE"}, {"utf-16be", "UTF-16BE"}, {"macintosh", "MACINTOSH"}, {"koi8-u", "KOI8-U"},
      {"x-user-defined", "CP1252"},
  };
  for (const Label& entry : kIconv) {
    if (entry.label == encoding) return entry.encoding;
  }
  return encoding;  // iso-8859-N, windows-125N, koi8-r, euc-jp, iso-2022-jp: iconv knows these names
}

// An iconv descriptor, closed when done.
class Iconv {
 public:
  explicit Iconv(std::string_view from) : cd_(iconv_open("UTF-8", std::string(from).c_str())) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Converts to UTF-8; invalid input becomes U+FFFD. Each round either consumes input or emits output, and
// a failure skips a byte (two for UTF-16), so the loop ends within a few passes per input byte.
bool ConvertToUtf8(std::string_view input, std::string_view encoding, std::string& out) {
  Iconv cd(IconvName(encoding));
  if (!cd.ok()) return false;
  const std::size_t unit = encoding.starts_with("utf-16") ? 2 : 1;
  out.clear();
  out.reserve(input.size() + input.size() / 2 + 16);
  char* in = const_cast<char*>(input.data());
  std::size_t in_left = input.size();
  char buffer[16384];
  while (in_left > 0) {
    char* out_ptr = buffer;
    std::size_t out_left = sizeof buffer;
    const std::size_t result = iconv(cd.get(), &in, &in_left, &out_ptr, &out_left);
    out.append(buffer, sizeof buffer - out_left);
    if (result != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    out += kReplacement;
    if (errno == EINVAL) break;  // an incomplete sequence at the end
    const std::size_t skip = std::min(unit, in_left);
    in += skip;
    in_left -= skip;
    iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
  }
  // Flush a stateful encoding's final shift sequence (ISO-2022-JP).
  char* out_ptr = buffer;
  std::size_t out_left = sizeof buffer;
  iconv(cd.get(), nullptr, nullptr, &out_ptr, &out_left);
  out.append(buffer, sizeof buffer - out_left);
  return true;
}

// HTML Standard 13.2.3.2, "get an attribute": one attribute of a tag in the prescan, name lowercased.
// Returns false at the end of the tag.
bool NextAttribute(std::string_view bytes, std::size_t& i, std::string& name, std::string& value) {
  name.clear();
  value.clear();
  while (i < bytes.size() && (IsSpace(bytes[i]) || bytes[i] == '/')) ++i;
  if (i >= bytes.size() || bytes[i] == '>') return false;
  while (i < bytes.size()) {
    const char c = bytes[i];
    if (c == '=' && !name.empty()) break;
    if (IsSpace(c) || c == '/' || c == '>') break;
    name += Lower(c);
    ++i;
  }
  while (i < bytes.size() && IsSpace(bytes[i])) ++i;
  if (i >= bytes.size() || bytes[i] != '=') return true;  // no value
  ++i;
  while (i < bytes.size() && IsSpace(bytes[i])) ++i;
  if (i >= bytes.size()) return true;
  if (bytes[i] == '"' || bytes[i] == '\'') {
    const char quote = bytes[i++];
    while (i < bytes.size() && bytes[i] != quote) value += Lower(bytes[i++]);
    if (i < bytes.size()) ++i;
    return true;
  }
  while (i < bytes.size() && !IsSpace(bytes[i]) && bytes[i] != '>') value += Lower(bytes[i++]);
  return true;
}

// HTML Standard 2.6.5 (for http-equiv): the encoding in "text/html; charset=x".
std::string CharsetInContent(std::string_view content) {
  std::size_t at = 0;
  while ((at = content.find("charset", at)) != std::string_view::npos) {
    at += 7;
    std::size_t i = at;
    while (i < content.size() && IsSpace(content[i])) ++i;
    if (i >= content.size() || content[i] != '=') continue;
    ++i;
    while (i < content.size() && IsSpace(content[i])) ++i;
    if (i >= content.size()) return "";
    if (content[i] == '"' || content[i] == '\'') {
      const char quote = content[i];
      const std::size_t end = content.find(quote, i + 1);
      return end == std::string_view::npos ? "" : std::string(content.substr(i + 1, end - i - 1));
    }
    std::size_t end = i;
    while (end < content.size() && !IsSpace(content[end]) && content[end] != ';') ++end;
    return std::string(content.substr(i, end - i));
  }
  return "";
}

// The encoding a <meta> tag's attributes declare, or "".
std::string MetaEncoding(std::string_view bytes, std::size_t& i) {
  bool http_equiv = false;
  std::string charset, content, name, value;
  while (NextAttribute(bytes, i, name, value)) {
    if (name == "http-equiv" && value == "content-type") http_equiv = true;
    if (name == "charset" && charset.empty()) charset = value;
    if (name == "content" && content.empty()) content = value;
  }
  std::string label = !charset.empty() ? charset : http_equiv ? CharsetInContent(content) : "";
  if (label.empty()) return "";
  std::string encoding = EncodingForLabel(label);
  // A document that declares UTF-16 in ASCII bytes cannot be UTF-16 (13.2.3.2, step 11 of the prescan).
  if (encoding == "utf-16le" || encoding == "utf-16be") return "utf-8";
  if (encoding == "x-user-defined") return "windows-1252";
  return encoding;
}

}  // namespace

std::string EncodingForLabel(std::string_view label) {
  label = TrimSpace(label);
  std::string lower(label);
  for (char& c : lower) c = Lower(c);
  if (lower == "utf-16be" || lower == "unicodefffe") return "utf-16be";
  for (const Label& entry : kLabels) {
    if (entry.label == lower) return std::string(entry.encoding);
  }
  return "";
}

std::string_view CharsetParameter(std::string_view content_type) {
  std::size_t at = 0;
  while ((at = content_type.find(';', at)) != std::string_view::npos) {
    ++at;
    std::string_view rest = TrimSpace(content_type.substr(at));
    if (!StartsWithIgnoreCase(rest, "charset")) continue;
    rest = TrimSpace(rest.substr(7));
    if (rest.empty() || rest.front() != '=') continue;
    rest = TrimSpace(rest.substr(1));
    if (!rest.empty() && rest.front() == '"') {
      rest.remove_prefix(1);
      return rest.substr(0, rest.find('"'));
    }
    return TrimSpace(rest.substr(0, rest.find(';')));
  }
  return "";
}

std::string PrescanForEncoding(std::string_view bytes) {
  bytes = bytes.substr(0, kPrescanBytes);
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (bytes[i] != '<') {
      ++i;
      continue;
    }
    std::string_view rest = bytes.substr(i);
    if (rest.starts_with("<!--")) {
      const std::size_t end = bytes.find("-->", i + 4);
      if (end == std::string_view::npos) return "";
      i = end + 3;
    } else if (StartsWithIgnoreCase(rest, "<meta") && rest.size() > 5 && (IsSpace(rest[5]) || rest[5] == '/')) {
      i += 5;
      std::string encoding = MetaEncoding(bytes, i);
      if (!encoding.empty()) return encoding;
    } else if (rest.size() > 1 && (std::isalpha(static_cast<unsigned char>(rest[1])) ||
                                   (rest[1] == '/' && rest.size() > 2 && std::isalpha(static_cast<unsigned char>(rest[2]))))) {
      // Another tag: its attributes are skipped as the prescan reads them (a '>' inside quotes does not
      // end it).
      i += rest[1] == '/' ? 2 : 1;
      while (i < bytes.size() && !IsSpace(bytes[i]) && bytes[i] != '>') ++i;
      std::string name, value;
      while (NextAttribute(bytes, i, name, value)) {
      }
      ++i;
    } else if (rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?")) {
      const std::size_t end = bytes.find('>', i + 2);
      if (end == std::string_view::npos) return "";
      i = end + 1;
    } else {
      ++i;
    }
  }
  return "";
}

DecodedHtml DecodeHtml(std::string_view body, std::string_view content_type) {
  DecodedHtml decoded;
  std::string encoding;
  if (body.starts_with("\xEF\xBB\xBF")) {
    body.remove_prefix(3);
    encoding = "utf-8";
  } else if (body.starts_with("\xFE\xFF")) {
    body.remove_prefix(2);
    encoding = "utf-16be";
  } else if (body.starts_with("\xFF\xFE")) {
    body.remove_prefix(2);
    encoding = "utf-16le";
  }
  if (encoding.empty()) encoding = EncodingForLabel(CharsetParameter(content_type));
  if (encoding.empty()) encoding = PrescanForEncoding(body);
  if (encoding.empty()) encoding = IsValidUtf8(body) ? "utf-8" : "windows-1252";
  decoded.charset = encoding;
  if (encoding == "utf-8") {
    if (IsValidUtf8(body)) {
      decoded.text = body;
    } else {
      decoded.converted = SanitizeUtf8(body);
      decoded.text = decoded.converted;
    }
    return decoded;
  }
  if (!ConvertToUtf8(body, encoding, decoded.converted)) {
    // iconv lacks it: read as UTF-8, repaired, rather than not at all.
    decoded.converted = SanitizeUtf8(body);
    decoded.charset = "utf-8";
  }
  decoded.text = decoded.converted;
  return decoded;
}

}  // namespace arachne
