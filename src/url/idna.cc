#include "url/idna.h"

#include <unicode/uidna.h>

#include <cstdint>
#include <limits>
#include <memory>

namespace arachne {
namespace {

struct UidnaClose {
  void operator()(UIDNA* idna) const { uidna_close(idna); }
};

// The UTS #46 processor; ICU documents it as immutable and safe to share between threads, and opening
// one loads the mapping data, so there is one per process.
const UIDNA* Uts46() {
  static const std::unique_ptr<UIDNA, UidnaClose> idna([] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* opened =
        uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII, &status);
    return U_SUCCESS(status) ? opened : nullptr;
  }());
  return idna.get();
}

// Errors UTS #46 reports that the URL Standard's settings switch off: CheckHyphens=false and
// VerifyDnsLength=false (which also allows empty labels, "a..b").
constexpr std::uint32_t kIgnoredErrors = UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG |
                                         UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | UIDNA_ERROR_LEADING_HYPHEN |
                                         UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4;

}  // namespace

const char* DomainToAscii(std::string_view domain, std::string& out) {
  const UIDNA* idna = Uts46();
  if (idna == nullptr) return "international domain names are unavailable (ICU's UTS #46 data did not load)";
  if (domain.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max() / 4)) {
    return "host is too long";
  }
  const std::size_t begin = out.size();
  // Punycode is rarely longer than twice its UTF-8 input; ICU says how much it needs when it is.
  std::int32_t capacity = static_cast<std::int32_t>(domain.size() * 2 + 16);
  for (int attempt = 0; attempt < 2; ++attempt) {
    out.resize(begin + static_cast<std::size_t>(capacity));
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    const std::int32_t length =
        uidna_nameToASCII_UTF8(idna, domain.data(), static_cast<std::int32_t>(domain.size()),
                               out.data() + begin, capacity, &info, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
      capacity = length;
      continue;
    }
    if (U_FAILURE(status)) {
      out.resize(begin);
      // ICU punycode-encodes labels of at most 1000 code points (as in Chrome); DNS allows 63 bytes.
      if (status == U_INPUT_TOO_LONG_ERROR)
        return "international domain name has a label too long to convert";
      return "international domain name could not be converted";
    }
    out.resize(begin + static_cast<std::size_t>(length));
    if ((info.errors & ~kIgnoredErrors) != 0) return "international domain name is not valid (UTS #46)";
    // A name of nothing but ignored code points (soft hyphens, say) maps to "".
    if (length == 0) return "host is empty after IDNA processing";
    return nullptr;
  }
  out.resize(begin);
  return "international domain name could not be converted";
}

}  // namespace arachne
