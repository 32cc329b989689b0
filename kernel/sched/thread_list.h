// ThreadList: an intrusive doubly linked list of threads through a Link member chosen at
// compile time (run queue, wait queue, sleep list). No allocation, O(1) insert/remove.
// A thread is on at most one list per Link member; Link::on says whether it is.
#pragma once
#include "lib/types.h"

namespace sis::sched {

struct Thread;

struct Link {
  Thread* prev = nullptr;
  Thread* next = nullptr;
  bool on = false;
};

template <Link Thread::*M>
class ThreadList {
 public:
  Thread* front() const { return head_; }
  Thread* back() const { return tail_; }
  usize size() const { return size_; }
  bool empty() const { return size_ == 0; }
  static Thread* next(Thread* t) { return (t->*M).next; }

  void push_back(Thread* t) { insert_before(nullptr, t); }
  void push_front(Thread* t) { insert_before(head_, t); }
  // Inserts t before `pos` (nullptr: at the end).
  void insert_before(Thread* pos, Thread* t) {
    Link& l = t->*M;
    l.next = pos;
    l.prev = pos ? (pos->*M).prev : tail_;
    if (l.prev) (l.prev->*M).next = t;
    else head_ = t;
    if (pos) (pos->*M).prev = t;
    else tail_ = t;
    l.on = true;
    ++size_;
  }
  void remove(Thread* t) {
    Link& l = t->*M;
    if (!l.on) return;
    if (l.prev) (l.prev->*M).next = l.next;
    else head_ = l.next;
    if (l.next) (l.next->*M).prev = l.prev;
    else tail_ = l.prev;
    l = Link{};
    --size_;
  }
  Thread* pop_front() {
    Thread* t = head_;
    if (t) remove(t);
    return t;
  }

 private:
  Thread* head_ = nullptr;
  Thread* tail_ = nullptr;
  usize size_ = 0;
};

}  // namespace sis::sched
