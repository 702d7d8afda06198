#include "parser/utf8_converter.h"

#include <errno.h>

#include <algorithm>
#include <cstdint>

#include "common/utf8.h"
#include "parser/encoding_label.h"
#include "parser/iconv_handle.h"

namespace arachne {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The Encoding Standard's index for windows-1252 (index-windows-1252.txt), bytes 0x80 to 0x9F; the other
// bytes are their own code points.
constexpr std::uint16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

// Appends a code point below U+10000 as UTF-8.
void AppendBmp(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Encoding Standard section 9.1, "single-byte decoder", with windows-1252's index.
std::string DecodeWindows1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    AppendBmp(out, byte >= 0x80 && byte < 0xA0 ? kWindows1252High[byte - 0x80] : byte);
  }
  return out;
}

// Encoding Standard section 14.5, "x-user-defined decoder": 0x80-0xFF to the private use area.
std::string DecodeUserDefined(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 3);
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    AppendBmp(out, byte < 0x80 ? byte : 0xF780 + byte - 0x80);
  }
  return out;
}

// glibc's name for the converter closest to the standard's decoder; see the header.
std::string_view IconvName(std::string_view encoding) {
  struct Name {
    std::string_view standard;
    std::string_view iconv;
  };
  static constexpr Name kNames[] = {
      {"shift_jis", "CP932"},
      {"gbk", "GB18030"},
      {"gb18030", "GB18030"},
      {"euc-kr", "CP949"},
      {"big5", "BIG5-HKSCS"},
      {"koi8-u", "KOI8-RU"},
      {"iso-8859-8-i", "ISO-8859-8"},
      {"windows-874", "CP874"},
      {"x-mac-cyrillic", "MAC-CYRILLIC"},
      {"utf-16le", "UTF-16LE"},
      {"utf-16be", "UTF-16BE"},
      {"macintosh", "MACINTOSH"},
  };
  for (const Name& name : kNames) {
    if (name.standard == encoding) return name.iconv;
  }
  return encoding;  // ibm866, iso-8859-N, koi8-r, windows-125N, euc-jp, iso-2022-jp: glibc knows these
}

// Makes room for at least `room` more bytes after `written`, doubling so that growth stays linear.
void EnsureRoom(std::string& out, std::size_t written, std::size_t room) {
  if (out.size() - written < room) out.resize(std::max(out.size() * 2, written + room));
}

Result<std::string> IconvToUtf8(std::string_view bytes, std::string_view encoding) {
  Result<IconvHandle> cd = IconvHandle::Open("UTF-8", IconvName(encoding));
  if (!cd.ok()) return cd.status();
  // After an invalid sequence, decoding resumes one code unit later.
  const std::size_t unit = encoding == "utf-16le" || encoding == "utf-16be" ? 2 : 1;
  std::string out(bytes.size() + bytes.size() / 2 + 16, '\0');
  std::size_t written = 0;
  const char* in = bytes.data();
  std::size_t in_left = bytes.size();
  while (in_left > 0) {
    EnsureRoom(out, written, 16);
    char* out_ptr = out.data() + written;
    std::size_t out_left = out.size() - written;
    const std::size_t result = cd->Convert(&in, &in_left, &out_ptr, &out_left);
    const int error = errno;
    written = static_cast<std::size_t>(out_ptr - out.data());
    if (result != static_cast<std::size_t>(-1)) break;
    if (error == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    EnsureRoom(out, written, kReplacement.size());
    written += kReplacement.copy(out.data() + written, kReplacement.size());
    if (error != EILSEQ) break;  // EINVAL: a sequence cut off by the end of the input
    const std::size_t skip = std::min(unit, in_left);
    in += skip;
    in_left -= skip;
    cd->Reset();
  }
  EnsureRoom(out, written, 64);
  char* out_ptr = out.data() + written;
  std::size_t out_left = out.size() - written;
  cd->Flush(&out_ptr, &out_left);
  out.resize(static_cast<std::size_t>(out_ptr - out.data()));
  return out;
}

}  // namespace

Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view encoding) {
  if (encoding == "utf-8") return SanitizeUtf8(bytes);
  if (encoding == "windows-1252") return DecodeWindows1252(bytes);
  if (encoding == "x-user-defined") return DecodeUserDefined(bytes);
  if (encoding == "replacement") return bytes.empty() ? std::string() : std::string(kReplacement);
  return IconvToUtf8(bytes, encoding);
}

std::vector<IconvHandle> OpenEveryConverter() {
  std::vector<IconvHandle> handles;
  for (std::string_view encoding : EveryEncoding()) {
    if (encoding == "utf-8" || encoding == "windows-1252" || encoding == "x-user-defined" ||
        encoding == "replacement") {
      continue;  // decoded here, without iconv
    }
    Result<IconvHandle> handle = IconvHandle::Open("UTF-8", IconvName(encoding));
    if (handle.ok()) handles.push_back(std::move(*handle));
  }
  return handles;
}

}  // namespace arachne
