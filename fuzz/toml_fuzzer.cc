// toml_fuzzer: the input is a seed file. It goes through the TOML loader (config/toml_loader.h) and the
// plain URL list reader (config/url_list.h), as `arachne crawl` reads either kind; a Config that loads
// must pass Config::Validate and survive the JSON it is sent to workers in (config/config_json.h).
#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "arachne/config.h"
#include "config/config_json.h"
#include "config/error_list.h"
#include "config/toml_loader.h"
#include "config/url_list.h"
#include "fuzz_check.h"

namespace arachne {
namespace {

// The seed file's name in messages. Its folder does not exist, so a relative seeds_file names no file,
// whatever its ".." (each component of a path must exist).
const std::string kSource = "/nonexistent-arachne-fuzz/seed.toml";

// Whether the input names an absolute seeds_file, which the loader would read: the fuzzer must not read
// the machine's files (/dev/zero never ends, /dev/stdin waits). The key can only be spelled without
// "seeds_file" in it with an escape in a quoted key, so the TOML is parsed here only when the input has
// one of the two.
bool NamesAbsoluteSeedsFile(std::string_view input) {
  if (input.find("seeds_file") == std::string_view::npos && input.find('\\') == std::string_view::npos) {
    return false;
  }
  try {
    const toml::table root = toml::parse(input);
    const std::optional<std::string_view> name = root["seeds_file"].value<std::string_view>();
    return name && name->starts_with('/');
  } catch (const toml::parse_error&) {
    return false;  // the loader stops at the syntax error too
  }
}

}  // namespace
}  // namespace arachne

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arachne;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  ErrorList errors;
  (void)ParseUrlList(input, "/nonexistent-arachne-fuzz/urls.txt", errors);

  if (NamesAbsoluteSeedsFile(input)) return 0;
  const Result<Config> config = LoadTomlConfig(input, kSource, "fuzz");
  if (!config.ok()) return 0;
  // config.h: Validate checks what the loaders check.
  FUZZ_CHECK(config->Validate().ok());
  // A worker gets exactly the crawl's settings.
  const std::string json = ConfigToJson(*config);
  const Result<Config> sent = ConfigFromJson(json);
  FUZZ_CHECK(sent.ok());
  FUZZ_CHECK(ConfigToJson(*sent) == json);
  return 0;
}
