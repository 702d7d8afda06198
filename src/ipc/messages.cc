#include "ipc/messages.h"

#include "ipc/frame.h"
#include "ipc/wire.h"

namespace arachne {

namespace {

// Encodes `fields` as a frame of type `type`; `fields(WireWriter&)` writes the body.
template <typename Fields>
void EncodeFrame(std::string& out, MessageType type, Fields fields) {
  std::size_t begin = BeginFrame(out);
  out.push_back(static_cast<char>(type));
  WireWriter w(out);
  fields(w);
  FinishFrame(out, begin);
}

// Decodes a payload that must start with `type` and be fully consumed by `fields(WireReader&)`.
template <typename Fields>
bool DecodeFrame(std::string_view payload, MessageType type, Fields fields) {
  if (payload.empty() || static_cast<MessageType>(payload[0]) != type) return false;
  WireReader r(payload.substr(1));
  fields(r);
  return r.ok() && r.at_end();
}

void WriteKind(WireWriter& w, FetchKind kind) { w.U64(static_cast<std::uint64_t>(kind)); }

void ReadKind(WireReader& r, FetchKind& kind) {
  std::uint64_t raw = 0;
  if (!r.U64(raw) || raw > static_cast<std::uint64_t>(FetchKind::kSitemap)) {
    r.Fail();
    return;
  }
  kind = static_cast<FetchKind>(raw);
}

void WriteList(WireWriter& w, const std::vector<std::string>& list) {
  w.U64(list.size());
  for (const std::string& item : list) w.String(item);
}

void ReadList(WireReader& r, std::vector<std::string>& list) {
  std::uint64_t n = 0;
  // Each item takes at least one byte, so a count above what is left is corrupt (and must not reserve).
  if (!r.U64(n) || n > r.remaining()) {
    r.Fail();
    return;
  }
  list.resize(n);
  for (std::string& item : list) r.String(item);
}

void Write(WireWriter& w, const FetchOutcome& m) {
  w.U64(m.id);
  w.String(m.url);
  WriteKind(w, m.kind);
  w.I64(m.status);
  w.String(m.content_type);
  w.String(m.redirect_url);
  w.U64(m.bytes);
  w.Double(m.fetch_ms);
  w.Bool(m.truncated);
  w.Bool(m.body_skipped);
  w.Double(m.retry_after_s);
  w.String(m.primary_ip);
  w.String(m.body);
  w.String(m.error);
  w.String(m.error_detail);
  w.Bool(m.sent_to_parser);
}

void Read(WireReader& r, FetchOutcome& m) {
  r.U64(m.id);
  r.String(m.url);
  ReadKind(r, m.kind);
  r.Int(m.status);
  r.String(m.content_type);
  r.String(m.redirect_url);
  r.U64(m.bytes);
  r.Double(m.fetch_ms);
  r.Bool(m.truncated);
  r.Bool(m.body_skipped);
  r.Double(m.retry_after_s);
  r.String(m.primary_ip);
  r.String(m.body);
  r.String(m.error);
  r.String(m.error_detail);
  r.Bool(m.sent_to_parser);
}

}  // namespace

void Encode(std::string& out, const HelloMessage& m) {
  EncodeFrame(out, MessageType::kHello, [&](WireWriter& w) { w.String(m.config_json); });
}
void Encode(std::string& out, const FetchMessage& m) {
  EncodeFrame(out, MessageType::kFetch, [&](WireWriter& w) {
    w.U64(m.id);
    w.String(m.url);
    WriteKind(w, m.kind);
  });
}
void Encode(std::string& out, const FetchOutcome& m) {
  EncodeFrame(out, MessageType::kFetchDone, [&](WireWriter& w) { Write(w, m); });
}
void Encode(std::string& out, const ParseJobMessage& m) {
  EncodeFrame(out, MessageType::kParseJob, [&](WireWriter& w) { Write(w, m.fetch); });
}
void Encode(std::string& out, const TookMessage& m) {
  EncodeFrame(out, MessageType::kTook, [&](WireWriter& w) { w.U64(m.id); });
}
void Encode(std::string& out, const ParsedMessage& m) {
  EncodeFrame(out, MessageType::kParsed, [&](WireWriter& w) {
    Write(w, m.fetch);
    w.String(m.title);
    w.String(m.description);
    w.String(m.canonical);
    w.String(m.robots);
    w.String(m.charset);
    w.U64(m.link_count);
    w.U64(m.out_of_scope);
    w.U64(m.nofollow);
    WriteList(w, m.links);
    WriteList(w, m.sitemaps);
    w.String(m.error);
  });
}
void Encode(std::string& out, const ShutdownMessage&) {
  EncodeFrame(out, MessageType::kShutdown, [](WireWriter&) {});
}
void Encode(std::string& out, const LogMessage& m) {
  EncodeFrame(out, MessageType::kLog, [&](WireWriter& w) { w.String(m.text); });
}

bool PeekType(std::string_view payload, MessageType& type) {
  if (payload.empty()) return false;
  auto raw = static_cast<std::uint8_t>(payload[0]);
  if (raw < static_cast<std::uint8_t>(MessageType::kHello) || raw > static_cast<std::uint8_t>(MessageType::kLog)) {
    return false;
  }
  type = static_cast<MessageType>(raw);
  return true;
}

bool Decode(std::string_view payload, HelloMessage& m) {
  return DecodeFrame(payload, MessageType::kHello, [&](WireReader& r) { r.String(m.config_json); });
}
bool Decode(std::string_view payload, FetchMessage& m) {
  return DecodeFrame(payload, MessageType::kFetch, [&](WireReader& r) {
    r.U64(m.id);
    r.String(m.url);
    ReadKind(r, m.kind);
  });
}
bool Decode(std::string_view payload, FetchOutcome& m) {
  return DecodeFrame(payload, MessageType::kFetchDone, [&](WireReader& r) { Read(r, m); });
}
bool Decode(std::string_view payload, ParseJobMessage& m) {
  return DecodeFrame(payload, MessageType::kParseJob, [&](WireReader& r) { Read(r, m.fetch); });
}
bool Decode(std::string_view payload, TookMessage& m) {
  return DecodeFrame(payload, MessageType::kTook, [&](WireReader& r) { r.U64(m.id); });
}
bool Decode(std::string_view payload, ParsedMessage& m) {
  return DecodeFrame(payload, MessageType::kParsed, [&](WireReader& r) {
    Read(r, m.fetch);
    r.String(m.title);
    r.String(m.description);
    r.String(m.canonical);
    r.String(m.robots);
    r.String(m.charset);
    r.U64(m.link_count);
    r.U64(m.out_of_scope);
    r.U64(m.nofollow);
    ReadList(r, m.links);
    ReadList(r, m.sitemaps);
    r.String(m.error);
  });
}
bool Decode(std::string_view payload, ShutdownMessage&) {
  return DecodeFrame(payload, MessageType::kShutdown, [](WireReader&) {});
}
bool Decode(std::string_view payload, LogMessage& m) {
  return DecodeFrame(payload, MessageType::kLog, [&](WireReader& r) { r.String(m.text); });
}

}  // namespace arachne
