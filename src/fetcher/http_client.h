// HttpClient: many HTTP(S) transfers at once on one thread, driven by the fetcher's Asio event loop.
//
//   CurlGlobal curl;                       // once, at the top of main()
//   boost::asio::io_context io;
//   HttpClientOptions options;
//   options.user_agent = "Arachne/0.1";
//   HttpClient client(io, options);
//   client.Fetch({.id = 1, .url = "https://example.com/"}, [](HttpResponse&& r) { ... });
//   io.run();
//
// Built on libcurl's multi-socket API: curl says which sockets to watch and when to wake it
// (CURLMOPT_SOCKETFUNCTION, CURLMOPT_TIMERFUNCTION); Asio waits for exactly that and hands the readiness
// back with curl_multi_socket_action. Connections are kept alive and reused, HTTP/2 multiplexes over TLS
// where the server offers it, and every Content-Encoding curl knows is accepted and decoded.
//
// Redirects are reported, not followed: a 3xx response carries the resolved Location in redirect_url and
// the caller decides whether to queue it (it may be out of scope, or already seen). Only http and https
// are ever fetched, and never from a private address unless allowed (HttpClientOptions::trusted_hosts).
//
// Not thread-safe: use it only from the thread that runs the io_context.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "arachne/status.h"
#include "fetcher/address_policy.h"
#include "fetcher/body_buffer.h"
#include "fetcher/curl_handles.h"

namespace arachne {

struct HttpClientOptions {
  std::string user_agent;
  double timeout_s = 30;                    // a whole transfer, from the start of DNS to the last body byte
  double connect_timeout_s = 10;            // DNS, TCP and TLS handshakes
  std::uint64_t max_body_bytes = 10 << 20;  // a longer (decoded) body is cut here: error "too large"
  int max_connections = 256;  // open connections at most, over all hosts; also the idle cache size
  // Connections to one host at most (RFC 9112 section 9.4 asks clients to limit them). Transfers beyond
  // it wait inside curl for a connection to free up, or share one over HTTP/2.
  int max_host_connections = 8;
  // A PEM file of certificate authorities to trust for https, e.g. a company's own; empty: the system's.
  std::string ca_file;
  // The SSRF guard (address_policy.h), checked on every connection at connect time: only public addresses,
  // except for URLs whose host is one of trusted_hosts (as Url::host() writes it: the hosts of the seeds
  // and sitemaps the user named), or for every URL with allow_private.
  std::vector<std::string> trusted_hosts;
  bool allow_private = false;
};

struct HttpRequest {
  std::uint64_t id = 0;  // the caller's, returned in the response
  std::string url;       // absolute http or https URL
  // Redirects to follow inside this transfer; 0 reports a 3xx as it is (the crawler's way for pages).
  int follow_redirects = 0;
  // The body cap for this request instead of the client's; 0: the client's max_body_bytes.
  std::uint64_t max_body_bytes = 0;
  // A body over the cap is cut and kept, truncated but without error (robots.txt, RFC 9309 section 2.5).
  bool cut_silently = false;
  // Where the body goes instead of HttpResponse::body, which stays empty; must live until done() is
  // called. nullptr: into the response.
  BodyBuffer* body_into = nullptr;
  // Only a body that may be parsed is downloaded, that of a 2xx HTML response: another type ends the
  // transfer when the headers are complete; a missing or vague type (html_sniffer.h) after the first
  // bytes are sniffed; a 3xx, 4xx or 5xx body after 64 KiB (a smaller one is read so that the connection
  // stays open for the next request). Such a response has body_skipped, its status and no error.
  bool html_only = false;
  // Keep the request's and the final response's header sections as they went over the wire, for an
  // archive (HttpResponse::request_head, response_head).
  bool capture_heads = false;
};

struct HttpResponse {
  std::uint64_t id = 0;
  std::string url;
  int status = 0;             // 0 when no response
  std::string content_type;   // as received
  std::string redirect_url;   // for 3xx: the Location target resolved to an absolute URL
  std::string body;           // decoded (Content-Encoding) body, at most max_body_bytes (or in body_into)
  std::uint64_t bytes = 0;    // decoded body bytes received (more than body.size() when truncated)
  bool truncated = false;     // body cut at max_body_bytes
  double fetch_ms = 0;        // the whole transfer, as curl timed it
  int http_version = 0;       // 1 for HTTP/1.x, 2 for HTTP/2; 0 when no response
  bool body_skipped = false;  // html_only: the body was not wanted, so not downloaded (bytes: what came)
  double retry_after_s = -1;  // the Retry-After header in seconds from now (either form); -1 when absent
                              // or unreadable
  std::string primary_ip;     // the address connected to
  std::string error;          // "" or a short kind: "dns", "connect", "timeout", "too large" (the body
                              // over the cap, or the headers over 128 KiB), "tls", "protocol" (not valid
                              // HTTP, a broken chunked encoding), "bad content encoding", "send", "recv",
                              // "no room" (the body buffer refused a write: ipc/messages.h), "other",
                              // "aborted", "blocked address", "too many redirects"
  std::string error_detail;   // curl's message, for logs
  // With HttpRequest::capture_heads: the last request's line and headers as sent and the final response's
  // status line and headers as received (an interim 1xx's are dropped), each ending in its blank line, and
  // when the transfer started (Unix time, milliseconds).
  std::string request_head;
  std::string response_head;
  std::int64_t started_unix_ms = 0;
};

class Transfer;

class HttpClient {
 public:
  // The io_context must outlive the client. A failure to set curl up is reported by status(), and every
  // Fetch then completes with error "other".
  HttpClient(boost::asio::io_context& io, HttpClientOptions options);
  // Drops the transfers in flight without calling their done().
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  Status status() const { return status_; }

  // Starts a GET. `done` is called exactly once, from the io_context (posted, so never inside Fetch
  // or CancelAll, and it may call Fetch, CancelAll or destroy the client). Failures arrive as a response
  // with `error` set.
  void Fetch(HttpRequest request, std::function<void(HttpResponse&&)> done);

  // Transfers started and not yet completed (a response whose done() is posted no longer counts).
  std::size_t in_flight() const { return active_.size(); }

  // Stops every transfer in flight; each done() gets a response with error "aborted".
  void CancelAll();

 private:
  struct SocketWatch;

  static int OnSocket(CURL* easy, curl_socket_t fd, int what, void* client, void* socket_data);
  static int OnTimer(CURLM* multi, long timeout_ms, void* client);
  static int OnCloseSocket(void* client, curl_socket_t fd);

  Status SetUpMulti();
  void Watch(const std::shared_ptr<SocketWatch>& watch);
  void Unwatch(curl_socket_t fd);
  void OnReady(const std::shared_ptr<SocketWatch>& watch, int direction, const boost::system::error_code& ec);
  void OnTimeout();
  void CollectFinished();
  Result<std::unique_ptr<Transfer>> TakeTransfer();
  void Recycle(std::unique_ptr<Transfer> transfer);
  void Complete(std::function<void(HttpResponse&&)> done, HttpResponse response);

  boost::asio::io_context& io_;
  HttpClientOptions options_;
  AddressPolicy address_policy_;  // the transfers hold a pointer to it
  Status status_;
  boost::asio::steady_timer timer_;
  // When timer_ fires, or time_point::max() when it is not armed. curl moves its timer on nearly every
  // socket event, and each move of an Asio timer is a timerfd_settime system call (a fifth of a
  // fetcher's CPU time in bench/compare.sh): it is moved only to fire sooner.
  std::chrono::steady_clock::time_point timer_due_ = std::chrono::steady_clock::time_point::max();
  bool timeout_posted_ = false;  // a 0 ms timeout is posted to the loop instead, once until it runs
  // Handlers of timer_ hold a weak reference: one already queued when the client dies must not run.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
  std::unordered_map<curl_socket_t, std::shared_ptr<SocketWatch>> sockets_;
  // The sockets curl opened for connections (Transfer::OnOpenSocket), until it closes them (OnCloseSocket).
  std::unordered_set<curl_socket_t> connections_;
  std::unordered_map<const Transfer*, std::unique_ptr<Transfer>> active_;
  std::vector<std::unique_ptr<Transfer>> idle_;  // easy handles kept for reuse
  CurlMulti multi_;
};

}  // namespace arachne
