use crate::Document;

/// One step of the pipeline. A stage reads the layers earlier stages filled and adds its own.
/// Stages are built once (loading their lexicons and models) and shared across threads.
pub trait Stage: Send + Sync {
    /// A short stable name (`segment`, `places`, ...), used in timings and logs.
    fn name(&self) -> &'static str;
    /// Adds this stage's annotations to `doc`. Must not panic on any document.
    fn process(&self, doc: &mut Document);
}

/// An ordered list of stages.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline::default()
    }
    pub fn with(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }
    pub fn push(&mut self, stage: Box<dyn Stage>) {
        self.stages.push(stage);
    }
    /// Drops the stages whose [`Stage::name`] is in `names` (later stages then run on what the
    /// others left: an ablation for measuring what a stage contributes).
    pub fn without(mut self, names: &[&str]) -> Self {
        self.stages.retain(|s| !names.contains(&s.name()));
        self
    }
    pub fn stages(&self) -> impl Iterator<Item = &dyn Stage> {
        self.stages.iter().map(|s| s.as_ref())
    }
    /// Runs every stage in order.
    pub fn run(&self, doc: &mut Document) {
        for s in &self.stages {
            s.process(doc);
        }
    }
    /// Runs every stage, adding the nanoseconds each took to `times` (same order as `stages`).
    pub fn run_timed(&self, doc: &mut Document, times: &mut Vec<(&'static str, u128)>) {
        if times.len() < self.stages.len() {
            times.clear();
            times.extend(self.stages.iter().map(|s| (s.name(), 0)));
        }
        for (i, s) in self.stages.iter().enumerate() {
            let t = std::time::Instant::now();
            s.process(doc);
            times[i].1 += t.elapsed().as_nanos();
        }
    }
}
