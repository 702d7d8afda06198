#include "export/json_record_url.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace arachne {

namespace {

using json = nlohmann::json;

// Streams the parser's events (no tree is built: a record can be large and the merge reads millions),
// keeping the top-level "url" string.
class UrlFinder {
 public:
  bool null() { return Value(); }
  bool boolean(bool) { return Value(); }
  bool number_integer(json::number_integer_t) { return Value(); }
  bool number_unsigned(json::number_unsigned_t) { return Value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return Value(); }
  bool binary(json::binary_t&) { return Value(); }
  bool string(json::string_t& value) {
    // The built-in "url" comes first (record_fields.h); a page callback's field of that name may follow.
    if (depth_ == 1 && url_key_ && !url_) url_ = value;
    return Value();
  }
  bool start_object(std::size_t) { return Open(true); }
  bool start_array(std::size_t) { return Open(false); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(json::string_t& name) {
    url_key_ = depth_ == 1 && name == "url";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
    error_ = error.what();
    return false;
  }

  const std::optional<std::string>& url() const { return url_; }
  bool object() const { return object_; }
  const std::string& error() const { return error_; }

 private:
  bool Value() {
    url_key_ = false;
    if (depth_ == 0) error_ = "a JSON value that is not an object";
    return depth_ > 0;
  }
  bool Open(bool object) {
    if (depth_ == 0 && !object) {
      error_ = "a JSON array, not an object";
      return false;
    }
    url_key_ = false;
    object_ = true;
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }

  int depth_ = 0;
  bool url_key_ = false;  // the next value is the top-level "url"'s
  bool object_ = false;
  std::optional<std::string> url_;
  std::string error_;
};

}  // namespace

Result<std::string> JsonRecordUrl(std::string_view text) {
  UrlFinder finder;
  // A handler that returns false ends the parse without an exception: nothing here throws.
  if (!json::sax_parse(text, &finder) || !finder.object()) {
    return Status::InvalidArgument("not a JSON object: " +
                                   (finder.error().empty() ? "no value" : finder.error()));
  }
  if (!finder.url()) return Status::InvalidArgument("a record without a \"url\" string");
  return *finder.url();
}

}  // namespace arachne
