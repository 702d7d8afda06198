#include "ipc/parse_queue.h"

#include <sys/socket.h>

#include <cstring>

#include "common/errno_status.h"

namespace arachne {

namespace {
// A ParseJob carries a URL and a few short fields; the fetcher caps each field well below this.
constexpr std::size_t kMaxQueuedMessage = kMaxParseJobBytes;
}  // namespace

Result<ParseQueueEnds> CreateParseQueue() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0) {
    return ErrnoStatus("socketpair for the parse queue");
  }
  return ParseQueueEnds{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

Result<bool> SendParseJob(int queue_fd, std::string_view payload, int body_fd) {
  iovec iov{const_cast<char*>(payload.data()), payload.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
  if (body_fd >= 0) {
    std::memset(control, 0, sizeof control);
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(cmsg), &body_fd, sizeof(int));
  }
  while (true) {
    ssize_t n = ::sendmsg(queue_fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) return true;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
    return ErrnoStatus("send to the parse queue");
  }
}

Result<std::optional<ReceivedParseJob>> ReceiveParseJob(int queue_fd) {
  char buffer[kMaxQueuedMessage];
  iovec iov{buffer, sizeof buffer};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 4)];
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  while (true) {
    n = ::recvmsg(queue_fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    if (n >= 0) break;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return std::optional<ReceivedParseJob>();
    return ErrnoStatus("receive from the parse queue");
  }
  ReceivedParseJob job;
  // Take ownership of every descriptor that arrived before judging the message, so none leaks.
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < count; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
      if (!job.body) {
        job.body.reset(fd);
      } else {
        ::close(fd);
      }
    }
  }
  if (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
    return Status::ProtocolError("parse queue message larger than " + std::to_string(kMaxQueuedMessage) +
                                 " bytes or with too many descriptors");
  }
  job.payload.assign(buffer, static_cast<std::size_t>(n));
  return std::optional<ReceivedParseJob>(std::move(job));
}

}  // namespace arachne
