// url_fuzzer: the input is a URL as a page or a seed file would spell it. It goes through the WHATWG URL
// parser (url/url.h) alone and against a base, serves as the base of a few relative references itself,
// and each http(s) result through the URL normalizer (scope/url_normalizer.h) and the trap caps
// (scope/trap_rules.h), as a link does before it is queued.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "fuzz_check.h"
#include "scope/scope.h"
#include "scope/trap_rules.h"
#include "scope/url_normalizer.h"
#include "url/url.h"

namespace arachne {
namespace {

struct Setup {
  Url base;
  UrlNormalizer keep_order;  // the crawl's defaults: campaign tags and session ids dropped
  UrlNormalizer sorted;      // the same, with the parameters sorted
  TrapRules traps{TrapLimits{}};
};

UrlNormalizer MakeNormalizer(bool sort) {
  NormalizeOptions options;
  options.drop_query_params = UrlNormalizer::DefaultDroppedParams();
  options.sort_query_params = sort;
  Result<UrlNormalizer> normalizer = UrlNormalizer::Create(options);
  FUZZ_CHECK(normalizer.ok());
  return std::move(*normalizer);
}

const Setup& GetSetup() {
  static const Setup setup = [] {
    Result<Url> base = Url::Parse("https://user:pw@www.example.com:8443/a/b/c.html?q=1&r=2#frag");
    FUZZ_CHECK(base.ok());
    return Setup{std::move(*base), MakeNormalizer(false), MakeNormalizer(true)};
  }();
  return setup;
}

// url_normalizer.h: a normalized URL parses, and is its own key.
void CheckNormalized(const UrlNormalizer& normalizer, const TrapRules& traps, const Url& url) {
  const std::string key = normalizer.Normalize(url);
  Result<Url> reparsed = Url::Parse(key);
  FUZZ_CHECK(reparsed.ok());
  FUZZ_CHECK(reparsed->is_http());
  FUZZ_CHECK(normalizer.Normalize(*reparsed) == key);
  (void)traps.Check(key);
}

// What url.h promises of a parsed URL: its serialization starts with its scheme and parses back to
// itself (the URL Standard's serializer is idempotent), and so does the URL without its fragment.
void CheckUrl(const Setup& setup, const Url& url) {
  const std::string& href = url.href();
  FUZZ_CHECK(!url.scheme().empty());
  FUZZ_CHECK(href.starts_with(std::string(url.scheme()) + ":"));
  (void)url.username();
  (void)url.password();
  (void)url.host();
  (void)url.port();
  (void)url.path();
  (void)url.query();
  (void)url.fragment();
  (void)url.effective_port();
  (void)url.origin();

  Result<Url> again = Url::Parse(href);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->href() == href);

  const std::string without_fragment = url.WithoutFragment();
  Result<Url> unfragmented = Url::Parse(without_fragment);
  FUZZ_CHECK(unfragmented.ok());
  FUZZ_CHECK(unfragmented->href() == without_fragment);
  FUZZ_CHECK(!unfragmented->has_fragment());

  if (!url.is_http()) return;
  CheckNormalized(setup.keep_order, setup.traps, url);
  CheckNormalized(setup.sorted, setup.traps, url);
}

// Relative references of each kind, resolved against the input when it is a URL.
constexpr std::string_view kRelatives[] = {"../x/./y?z#w", "//other.example/p", "?q=2", "#f", "", "/abs"};

}  // namespace
}  // namespace arachne

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arachne;
  const Setup& setup = GetSetup();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (Result<Url> relative = Url::Parse(input, setup.base); relative.ok()) CheckUrl(setup, *relative);

  Result<Url> absolute = Url::Parse(input);
  if (absolute.ok()) {
    CheckUrl(setup, *absolute);
    for (std::string_view reference : kRelatives) {
      if (Result<Url> resolved = Url::Parse(reference, *absolute); resolved.ok()) CheckUrl(setup, *resolved);
    }
  }

  // An allowed_domains entry goes through the host parser on its own.
  (void)Scope::NormalizeDomain(input);
  return 0;
}
