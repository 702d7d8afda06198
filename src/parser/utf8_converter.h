// ConvertToUtf8: text in any encoding of the WHATWG Encoding Standard, as UTF-8.
//
// glibc's iconv does the decoding, with glibc's closest match to each of the standard's decoders (CP932
// for shift_jis, GB18030 for gbk, CP949 for euc-kr, BIG5-HKSCS for big5, KOI8-RU for koi8-u). Three
// encodings are decoded here instead, because no iconv converter behaves as the standard says:
// windows-1252 (iconv refuses 0x81, 0x8D, 0x8F, 0x90 and 0x9D, which the standard maps to U+0081 ...),
// x-user-defined (0x80-0xFF to U+F780-U+F7FF) and replacement (one U+FFFD for the whole input).
//
// Errors are handled as the standard's decoders do with error mode "replacement" (Encoding Standard
// section 4.1): a byte sequence that is not valid in the encoding becomes U+FFFD and decoding carries on
// after its first byte (two for UTF-16), so an ASCII byte that follows a bad lead byte is kept; a
// sequence cut off by the end of the input becomes one U+FFFD. The result is always valid UTF-8, and the
// work is linear in the input: each step consumes input or grows the output buffer geometrically.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arachne/status.h"
#include "parser/iconv_handle.h"

namespace arachne {

// `bytes` (without a byte order mark) decoded from `encoding`, an Encoding Standard name as
// EncodingForLabel returns it, into UTF-8. NotFound when iconv lacks a converter for the encoding.
Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view encoding);

// A converter for every encoding ConvertToUtf8 hands to iconv, to be kept open. glibc loads each
// converter (a shared object, read from disk) on first use and keeps it loaded while a descriptor of it
// is open, so a process that may not open files afterwards (the parser's sandbox) calls this first and
// holds the result for its lifetime.
std::vector<IconvHandle> OpenEveryConverter();

}  // namespace arachne
