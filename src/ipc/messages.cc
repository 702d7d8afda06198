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

// Field(io, value): one field written by a WireWriter or read by a WireReader, so that each message's
// fields are listed once (the *Fields templates below) for both directions.
void Field(WireWriter& w, std::uint64_t v) { w.U64(v); }
void Field(WireWriter& w, int v) { w.I64(v); }
void Field(WireWriter& w, bool v) { w.Bool(v); }
void Field(WireWriter& w, double v) { w.Double(v); }
void Field(WireWriter& w, const std::string& v) { w.String(v); }
void Field(WireWriter& w, FetchKind kind) { w.U64(static_cast<std::uint64_t>(kind)); }
void Field(WireWriter& w, const std::vector<std::string>& list) {
  w.U64(list.size());
  for (const std::string& item : list) w.String(item);
}

void Field(WireWriter& w, const std::vector<FieldValue>& fields) {
  w.U64(fields.size());
  for (const FieldValue& field : fields) {
    w.String(field.name);
    w.Bool(field.all);
    w.Bool(field.null);
    Field(w, field.values);
  }
}

void Field(WireReader& r, std::uint64_t& v) { r.U64(v); }
void Field(WireReader& r, int& v) { r.Int(v); }
void Field(WireReader& r, bool& v) { r.Bool(v); }
void Field(WireReader& r, double& v) { r.Double(v); }
void Field(WireReader& r, std::string& v) { r.String(v); }
void Field(WireReader& r, FetchKind& kind) {
  std::uint64_t raw = 0;
  if (!r.U64(raw) || raw > static_cast<std::uint64_t>(FetchKind::kSitemap)) {
    r.Fail();
    return;
  }
  kind = static_cast<FetchKind>(raw);
}
void Field(WireReader& r, std::vector<std::string>& list) {
  std::uint64_t n = 0;
  // Each item takes at least one byte, so a count above what is left is corrupt (and must not reserve).
  if (!r.U64(n) || n > r.remaining()) {
    r.Fail();
    return;
  }
  list.resize(n);
  for (std::string& item : list) r.String(item);
}
void Field(WireReader& r, std::vector<FieldValue>& fields) {
  std::uint64_t n = 0;
  // Each field takes at least four bytes.
  if (!r.U64(n) || n > r.remaining() / 4) {
    r.Fail();
    return;
  }
  fields.resize(n);
  for (FieldValue& field : fields) {
    r.String(field.name);
    r.Bool(field.all);
    r.Bool(field.null);
    Field(r, field.values);
  }
}

// `M` is the message, const when writing.
template <typename Io, typename M>
void FetchFields(Io& io, M& m) {
  Field(io, m.id);
  Field(io, m.url);
  Field(io, m.kind);
}

// A FetchDone starts as the Fetch it answers.
template <typename Io, typename M>
void FetchOutcomeFields(Io& io, M& m) {
  FetchFields(io, m);
  Field(io, m.status);
  Field(io, m.content_type);
  Field(io, m.redirect_url);
  Field(io, m.bytes);
  Field(io, m.fetch_ms);
  Field(io, m.truncated);
  Field(io, m.body_skipped);
  Field(io, m.retry_after_s);
  Field(io, m.primary_ip);
  Field(io, m.body);
  Field(io, m.error);
  Field(io, m.error_detail);
  Field(io, m.sent_to_parser);
}

template <typename Io, typename M>
void ParsedFields(Io& io, M& m) {
  FetchOutcomeFields(io, m.fetch);
  Field(io, m.title);
  Field(io, m.description);
  Field(io, m.canonical);
  Field(io, m.robots);
  Field(io, m.charset);
  Field(io, m.link_count);
  Field(io, m.out_of_scope);
  Field(io, m.nofollow);
  Field(io, m.links_dropped);
  Field(io, m.links);
  Field(io, m.sitemaps);
  Field(io, m.fields);
  Field(io, m.html);
  Field(io, m.error);
}

}  // namespace

bool IsTransientError(std::string_view error) {
  return error == "timeout" || error == "connect" || error == "send" || error == "recv";
}

void Encode(std::string& out, const HelloMessage& m) {
  EncodeFrame(out, MessageType::kHello, [&](WireWriter& w) {
    w.String(m.config_json);
    w.Bool(m.send_pages);
  });
}
void Encode(std::string& out, const FetchMessage& m) {
  EncodeFrame(out, MessageType::kFetch, [&](WireWriter& w) { FetchFields(w, m); });
}
void Encode(std::string& out, const FetchOutcome& m) {
  EncodeFrame(out, MessageType::kFetchDone, [&](WireWriter& w) {
    FetchOutcomeFields(w, m);
    w.String(m.warc);
  });
}
void Encode(std::string& out, const ParseJobMessage& m) {
  EncodeFrame(out, MessageType::kParseJob, [&](WireWriter& w) { FetchOutcomeFields(w, m.fetch); });
}
void Encode(std::string& out, const ParsedMessage& m) {
  EncodeFrame(out, MessageType::kParsed, [&](WireWriter& w) { ParsedFields(w, m); });
}
void Encode(std::string& out, const ShutdownMessage&) {
  EncodeFrame(out, MessageType::kShutdown, [](WireWriter&) {});
}
void Encode(std::string& out, const LogMessage& m) {
  EncodeFrame(out, MessageType::kLog, [&](WireWriter& w) { w.String(m.text); });
}
void Encode(std::string& out, const PingMessage& m) {
  EncodeFrame(out, MessageType::kPing, [&](WireWriter& w) { w.U64(m.seq); });
}
void Encode(std::string& out, const PongMessage& m) {
  EncodeFrame(out, MessageType::kPong, [&](WireWriter& w) { w.U64(m.seq); });
}

bool PeekType(std::string_view payload, MessageType& type) {
  if (payload.empty()) return false;
  auto raw = static_cast<std::uint8_t>(payload[0]);
  if (raw < static_cast<std::uint8_t>(MessageType::kHello) || raw > static_cast<std::uint8_t>(MessageType::kBusy) ||
      raw == 5) {  // retired (messages.h)
    return false;
  }
  type = static_cast<MessageType>(raw);
  return true;
}

bool Decode(std::string_view payload, HelloMessage& m) {
  return DecodeFrame(payload, MessageType::kHello, [&](WireReader& r) {
    r.String(m.config_json);
    r.Bool(m.send_pages);
  });
}
bool Decode(std::string_view payload, FetchMessage& m) {
  return DecodeFrame(payload, MessageType::kFetch, [&](WireReader& r) { FetchFields(r, m); });
}
bool Decode(std::string_view payload, FetchOutcome& m) {
  return DecodeFrame(payload, MessageType::kFetchDone, [&](WireReader& r) {
    FetchOutcomeFields(r, m);
    r.String(m.warc);
  });
}
bool Decode(std::string_view payload, ParseJobMessage& m) {
  return DecodeFrame(payload, MessageType::kParseJob, [&](WireReader& r) { FetchOutcomeFields(r, m.fetch); });
}
bool Decode(std::string_view payload, ParsedMessage& m) {
  return DecodeFrame(payload, MessageType::kParsed, [&](WireReader& r) { ParsedFields(r, m); });
}
bool Decode(std::string_view payload, ShutdownMessage&) {
  return DecodeFrame(payload, MessageType::kShutdown, [](WireReader&) {});
}
bool Decode(std::string_view payload, LogMessage& m) {
  return DecodeFrame(payload, MessageType::kLog, [&](WireReader& r) { r.String(m.text); });
}
bool Decode(std::string_view payload, PingMessage& m) {
  return DecodeFrame(payload, MessageType::kPing, [&](WireReader& r) { r.U64(m.seq); });
}
void Encode(std::string& out, const BusyMessage& m) {
  EncodeFrame(out, MessageType::kBusy, [&](WireWriter& w) {
    w.I64(m.start_ns);
    w.I64(m.end_ns);
    w.U64(m.jobs);
  });
}
bool Decode(std::string_view payload, BusyMessage& m) {
  return DecodeFrame(payload, MessageType::kBusy, [&](WireReader& r) {
    r.I64(m.start_ns);
    r.I64(m.end_ns);
    r.U64(m.jobs);
  });
}

bool Decode(std::string_view payload, PongMessage& m) {
  return DecodeFrame(payload, MessageType::kPong, [&](WireReader& r) { r.U64(m.seq); });
}

}  // namespace arachne
