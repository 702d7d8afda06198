#include "fetcher/http_client.h"

#include <unistd.h>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <utility>

#include "fetcher/transfer.h"

namespace arachne {

// What Asio watches on one of curl's sockets, from curl's first CURLMOPT_SOCKETFUNCTION call for it until
// curl closes it (OnCloseSocket), when the descriptor is released from Asio, never closed by Asio.
struct HttpClient::SocketWatch {
  SocketWatch(boost::asio::io_context& io, curl_socket_t fd) : descriptor(io), fd(fd) {}
  boost::asio::posix::stream_descriptor descriptor;
  curl_socket_t fd;
  int wanted = 0;        // CURL_POLL_IN, _OUT or _INOUT: what curl last asked for; 0 after _REMOVE
  bool reading = false;  // a wait_read is pending
  bool writing = false;  // a wait_write is pending
  bool removed = false;  // curl closed the socket (or the client is gone): handlers must not act
};

HttpClient::HttpClient(boost::asio::io_context& io, HttpClientOptions options)
    : io_(io),
      options_(std::move(options)),
      address_policy_(options_.allow_private, options_.trusted_hosts),
      timer_(io),
      multi_(curl_multi_init()) {
  status_ = SetUpMulti();
}

Status HttpClient::SetUpMulti() {
  if (!multi_) return Status::Internal("curl_multi_init failed (out of memory?)");
  CURLM* m = multi_.get();
  const long max_connections = std::max(1, options_.max_connections);
  const long max_host_connections = std::max(1, options_.max_host_connections);
  const CURLMcode codes[] = {
      curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &HttpClient::OnSocket),
      curl_multi_setopt(m, CURLMOPT_SOCKETDATA, static_cast<void*>(this)),
      curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &HttpClient::OnTimer),
      curl_multi_setopt(m, CURLMOPT_TIMERDATA, static_cast<void*>(this)),
      // Many requests to one host share a connection over HTTP/2 (RFC 9113 section 5). curl reuses or
      // multiplexes a connection only for the same scheme, host name and port (no coalescing of hosts on
      // one address as browsers do, and we set no CURLOPT_CONNECT_TO), so a connection one host was trusted
      // with never carries another host's requests past the address policy.
      curl_multi_setopt(m, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX)),
      curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, max_connections),
      curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, max_host_connections),
      // Idle connections kept for reuse; curl's default (4 per added handle) forgets them too soon when
      // few transfers are in flight.
      curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, max_connections),
  };
  for (CURLMcode code : codes) {
    if (code != CURLM_OK)
      return Status::Internal(std::string("curl_multi_setopt: ") + curl_multi_strerror(code));
  }
  return Status::Ok();
}

HttpClient::~HttpClient() {
  for (auto& [key, transfer] : active_) curl_multi_remove_handle(multi_.get(), transfer->easy());
  active_.clear();
  // Cleanup closes cached connections and reports their sockets to OnSocket, so it runs while the
  // watches exist.
  multi_.reset();
  for (auto& [fd, watch] : sockets_) {
    watch->removed = true;
    watch->descriptor.release();
  }
  sockets_.clear();
}

void HttpClient::Fetch(HttpRequest request, std::function<void(HttpResponse&&)> done) {
  Result<std::unique_ptr<Transfer>> taken =
      status_.ok() ? TakeTransfer() : Result<std::unique_ptr<Transfer>>(status_);
  if (!taken.ok()) {
    HttpResponse response;
    response.id = request.id;
    response.url = std::move(request.url);
    response.error = "other";
    response.error_detail = taken.status().ToString();
    return Complete(std::move(done), std::move(response));
  }
  std::unique_ptr<Transfer> transfer = std::move(taken).value();
  Status started = transfer->Start(std::move(request), std::move(done));
  // Adding arms curl's timer at 0 ms; the transfer begins from the event loop, not in here.
  if (CURLMcode code = started.ok() ? curl_multi_add_handle(multi_.get(), transfer->easy()) : CURLM_OK;
      code != CURLM_OK) {
    started = Status::Internal(std::string("curl_multi_add_handle: ") + curl_multi_strerror(code));
  }
  if (!started.ok()) {
    HttpResponse response = transfer->Abort();
    response.error = "other";
    response.error_detail = started.ToString();
    auto callback = transfer->TakeDone();
    Recycle(std::move(transfer));
    return Complete(std::move(callback), std::move(response));
  }
  const Transfer* key = transfer.get();
  active_.emplace(key, std::move(transfer));
}

void HttpClient::CancelAll() {
  auto cancelled = std::move(active_);
  active_.clear();
  for (auto& [key, transfer] : cancelled) {
    curl_multi_remove_handle(multi_.get(), transfer->easy());
    HttpResponse response = transfer->Abort();
    auto done = transfer->TakeDone();
    Recycle(std::move(transfer));
    Complete(std::move(done), std::move(response));
  }
}

Result<std::unique_ptr<Transfer>> HttpClient::TakeTransfer() {
  if (idle_.empty()) {
    Result<std::unique_ptr<Transfer>> created = Transfer::Create(options_, address_policy_, connections_);
    if (!created.ok()) return created;
    CURL* e = (*created)->easy();
    if (curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &HttpClient::OnCloseSocket) != CURLE_OK ||
        curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, static_cast<void*>(this)) != CURLE_OK) {
      return Status::Internal("curl refused CURLOPT_CLOSESOCKETFUNCTION");
    }
    return created;
  }
  std::unique_ptr<Transfer> transfer = std::move(idle_.back());
  idle_.pop_back();
  return transfer;
}

void HttpClient::Recycle(std::unique_ptr<Transfer> transfer) {
  if (idle_.size() < static_cast<std::size_t>(std::max(1, options_.max_connections))) {
    idle_.push_back(std::move(transfer));
  }
}

void HttpClient::Complete(std::function<void(HttpResponse&&)> done, HttpResponse response) {
  if (!done) return;
  // Posted, and holding nothing of the client, so done() may start transfers or destroy the client.
  boost::asio::post(
      io_, [done = std::move(done), response = std::move(response)]() mutable { done(std::move(response)); });
}

// CURLMOPT_SOCKETFUNCTION. Runs inside curl: it only updates what Asio waits for, and never calls back
// into curl_multi_*.
int HttpClient::OnSocket(CURL* /*easy*/, curl_socket_t fd, int what, void* client, void* /*socket_data*/) {
  auto* self = static_cast<HttpClient*>(client);
  try {
    if (what == CURL_POLL_REMOVE) {
      // curl keeps an idle connection's socket open for the next request to its host: it stays
      // registered with epoll, only unwatched, until curl closes it (OnCloseSocket). Deregistering it
      // here and registering it again for the next request cost three epoll_ctl calls per page. Any
      // other descriptor curl may ask to watch (a libcurl built with c-ares reports the resolver's
      // sockets) is closed without OnCloseSocket, so it is let go now, lest a later socket given the
      // same number find a watch of a closed file.
      auto it = self->sockets_.find(fd);
      if (it == self->sockets_.end()) return 0;
      if (self->connections_.contains(fd)) {
        it->second->wanted = 0;
      } else {
        self->Unwatch(fd);
      }
      return 0;
    }
    std::shared_ptr<SocketWatch>& watch = self->sockets_[fd];
    if (!watch) {
      watch = std::make_shared<SocketWatch>(self->io_, fd);
      boost::system::error_code ec;
      watch->descriptor.assign(fd, ec);
      if (ec) {
        // Returning -1 would kill the whole multi handle; unwatched, this one transfer times out.
        self->sockets_.erase(fd);
        return 0;
      }
    }
    watch->wanted = what;
    self->Watch(watch);
  } catch (...) {
    // No exception may unwind through curl (only bad_alloc can get here); the transfer times out.
  }
  return 0;
}

// CURLOPT_CLOSESOCKETFUNCTION, inherited by each connection from the handle that opened it, so called
// also for connections that outlive their transfer in the cache, and from curl_multi_cleanup.
int HttpClient::OnCloseSocket(void* client, curl_socket_t fd) {
  auto* self = static_cast<HttpClient*>(client);
  self->Unwatch(fd);
  self->connections_.erase(fd);
  return ::close(fd) == 0 ? 0 : 1;
}

void HttpClient::Unwatch(curl_socket_t fd) {
  auto it = sockets_.find(fd);
  if (it == sockets_.end()) return;
  it->second->removed = true;
  // Deregisters from epoll and aborts pending waits; curl closes the descriptor right after.
  it->second->descriptor.release();
  sockets_.erase(it);
}

// Asio waits are one-shot: called after every socket callback and every readiness event, it starts the
// waits curl wants that are not already pending.
void HttpClient::Watch(const std::shared_ptr<SocketWatch>& watch) {
  using boost::asio::posix::stream_descriptor;
  if ((watch->wanted & CURL_POLL_IN) && !watch->reading) {
    watch->reading = true;
    watch->descriptor.async_wait(stream_descriptor::wait_read,
                                 [this, watch](const boost::system::error_code& ec) {
                                   watch->reading = false;
                                   OnReady(watch, CURL_CSELECT_IN, ec);
                                 });
  }
  if ((watch->wanted & CURL_POLL_OUT) && !watch->writing) {
    watch->writing = true;
    watch->descriptor.async_wait(stream_descriptor::wait_write,
                                 [this, watch](const boost::system::error_code& ec) {
                                   watch->writing = false;
                                   OnReady(watch, CURL_CSELECT_OUT, ec);
                                 });
  }
}

void HttpClient::OnReady(const std::shared_ptr<SocketWatch>& watch, int direction,
                         const boost::system::error_code& ec) {
  // After a release (curl closed the socket, or the client is gone) `this` may be dangling.
  if (watch->removed || ec == boost::asio::error::operation_aborted) return;
  // An idle connection's socket (curl wants nothing of it) became ready, say because the server closed
  // it: curl finds that out when it next picks the connection.
  if ((watch->wanted & (direction == CURL_CSELECT_IN ? CURL_POLL_IN : CURL_POLL_OUT)) == 0) return;
  int running = 0;
  curl_multi_socket_action(multi_.get(), watch->fd, ec ? CURL_CSELECT_ERR : direction, &running);
  // An error from epoll would repeat at once if the wait were re-armed; curl has been told, and its
  // timeouts end the transfer if it cannot go on.
  if (!ec && !watch->removed) Watch(watch);
  CollectFinished();
}

// CURLMOPT_TIMERFUNCTION: curl wants curl_multi_socket_action(CURL_SOCKET_TIMEOUT) after `timeout_ms`
// (0: as soon as possible, from the event loop; -1: never). There is one timer. It is only ever moved
// to fire sooner: firing before curl's deadline, or after curl removed it, is harmless (the timeout
// action finds nothing due, and curl sets its timer again), and it spares a system call per move.
int HttpClient::OnTimer(CURLM* /*multi*/, long timeout_ms, void* client) {
  auto* self = static_cast<HttpClient*>(client);
  try {
    if (timeout_ms < 0) return 0;
    if (timeout_ms == 0) {
      // "At once" (a handle was added, say): posted to the event loop, which costs no timer system call.
      if (!self->timeout_posted_) {
        self->timeout_posted_ = true;
        boost::asio::post(self->io_, [self, alive = std::weak_ptr<char>(self->alive_)] {
          if (alive.expired()) return;
          self->timeout_posted_ = false;
          self->OnTimeout();
        });
      }
      return 0;
    }
    const auto due = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    if (self->timer_due_ <= due) return 0;
    self->timer_due_ = due;
    self->timer_.expires_at(due);  // a wait already pending ends with operation_aborted
    self->timer_.async_wait(
        [self, alive = std::weak_ptr<char>(self->alive_)](const boost::system::error_code& ec) {
          if (alive.expired() || ec == boost::asio::error::operation_aborted) return;
          self->timer_due_ = std::chrono::steady_clock::time_point::max();
          self->OnTimeout();
        });
  } catch (...) {
    // Only bad_alloc can get here. -1 makes curl fail with CURLM_ABORTED_BY_CALLBACK, better than
    // transfers waiting for a timer that never fires.
    return -1;
  }
  return 0;
}

void HttpClient::OnTimeout() {
  int running = 0;
  curl_multi_socket_action(multi_.get(), CURL_SOCKET_TIMEOUT, 0, &running);
  CollectFinished();
}

// Hands every finished transfer's response to its done() and puts the handle back in the pool.
void HttpClient::CollectFinished() {
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_.get(), &left)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    const CURLcode code = message->data.result;  // read before removal invalidates `message`
    curl_multi_remove_handle(multi_.get(), easy);
    auto it = active_.find(Transfer::Of(easy));
    if (it == active_.end()) continue;
    std::unique_ptr<Transfer> transfer = std::move(it->second);
    active_.erase(it);
    HttpResponse response = transfer->Finish(code);
    auto done = transfer->TakeDone();
    Recycle(std::move(transfer));
    Complete(std::move(done), std::move(response));
  }
}

}  // namespace arachne
