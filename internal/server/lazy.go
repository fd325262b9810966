package server

import (
	"sync"
	"sync/atomic"
)

// lazyFile is a file the build left to be made on first request (a resized
// image: the preview resizes only what pages ask for). It is made once;
// the bytes then join the site like any other file.
type lazyFile struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
	// last are the file's bytes before this change, served while making
	// it fails: the last good version, as a failed build leaves it.
	last []byte
	// told says its maker's error was passed on (Options.Failed, Make).
	told atomic.Bool
}

func (f *lazyFile) get() ([]byte, error) {
	f.once.Do(func() { f.data, f.err = f.make() })
	return f.data, f.err
}

// ApplyLazy is Apply with files to be made on first request: lazy maps
// output paths to their makers, which run at most once each, outside any
// lock, from a request's goroutine.
func (s *Server) ApplyLazy(put map[string][]byte, lazy map[string]func() ([]byte, error), removed []string) {
	s.apply(put, lazy, removed)
}

// Make makes the file at an output path now, if it is still to be made on
// request, and returns its maker's error: the caller reports it (the
// overlay), while requests get the file's last good bytes.
func (s *Server) Make(key string) error {
	_, _, _, err := s.make(key, false)
	return err
}

// exists reports whether an output path is served, made or not.
func (s *Server) exists(key string) bool {
	s.siteMu.RLock()
	defer s.siteMu.RUnlock()
	_, ok := s.site[key]
	if !ok {
		_, ok = s.lazy[key]
	}
	return ok
}

// lookupGen returns the bytes under an output path with the generation they
// belong to, making a lazy file first. err is a lazy file's maker's error;
// data are then the file's last good bytes, if it had any.
func (s *Server) lookupGen(key string) (data []byte, gen uint64, ok bool, err error) {
	return s.make(key, true)
}

// make is lookupGen; tell says to pass a maker's error on to
// Options.Failed (Make returns it to its caller instead).
func (s *Server) make(key string, tell bool) (data []byte, gen uint64, ok bool, err error) {
	s.siteMu.RLock()
	data, ok = s.site[key]
	f := s.lazy[key]
	gen = s.gen
	s.siteMu.RUnlock()
	if ok || f == nil {
		return data, gen, ok, nil
	}
	if data, err = f.get(); err != nil {
		if f.told.CompareAndSwap(false, true) && tell && s.failed != nil {
			s.failed(key, err)
		}
		return f.last, gen, true, err
	}
	s.siteMu.Lock()
	if s.lazy[key] == f { // not replaced by a newer build meanwhile
		delete(s.lazy, key)
		s.site[key] = data
	}
	s.siteMu.Unlock()
	return data, gen, true, nil
}
