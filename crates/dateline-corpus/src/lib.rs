//! placeholder while the corpus generator is written
