//! Present › Start a live class…: which of this computer's networks to offer
//! the class on, on which port, and whether to go on with a class of this
//! file that did not end (Stances was closed, or the computer stopped).

use std::net::SocketAddr;
use std::path::PathBuf;

use egui::{Context, RichText};

use crate::gui::action::Action;
use crate::live::DEFAULT_PORT;
use crate::live::networks::Network;
use crate::live::teacher::Unfinished;

/// The dialog, while open.
#[derive(Default)]
pub struct LiveDialog {
    pub open: bool,
    networks: Vec<Network>,
    chosen: usize,
    port: String,
    /// Classes of this file never handed in, newest first.
    unfinished: Vec<Unfinished>,
    /// The unfinished class to go on with (an index into `unfinished`), or a new one.
    resume: Option<usize>,
    /// Why the class could not start, said in the dialog.
    pub error: Option<String>,
    /// The file the class is of, or why there is none to keep a class beside.
    file: Option<Result<PathBuf, String>>,
}

impl LiveDialog {
    /// Opens the dialog for a class of `file`.
    pub fn open(&mut self, networks: Vec<Network>, file: Result<PathBuf, String>, unfinished: Vec<Unfinished>) {
        // A class to go on with is offered where its students' pages look for it.
        let before = unfinished.first().and_then(|u| u.address);
        let chosen = before
            .and_then(|a| networks.iter().position(|n| n.address == a.ip()))
            .unwrap_or(0);
        let port = before.map_or(DEFAULT_PORT, |a| a.port());
        *self = Self {
            open: true,
            networks,
            chosen,
            port: port.to_string(),
            resume: (!unfinished.is_empty()).then_some(0),
            unfinished,
            error: None,
            file: Some(file),
        };
    }

    pub fn show(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        let mut done = false;
        egui::Window::new("Start a live class")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.set_width(500.0);
                ui.label(
                    "Students open a page on their phones or laptops, from a QR code on the screen: no account, no install. Their page follows your presentation, and their choices are counted under each demand as they come (shown once you step past an issue's demands, when Present › Hide marks until revealed is on).",
                );
                ui.add_space(6.0);
                let file = match self.file.clone().unwrap_or_else(|| Err(String::new())) {
                    Ok(file) => file,
                    Err(why) => {
                        ui.label(RichText::new(&why).color(ui.visuals().warn_fg_color));
                        ui.add_space(6.0);
                        if ui.button("Close").clicked() {
                            done = true;
                        }
                        return;
                    }
                };
                self.network_choice(ui);
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let label = ui.label("Port");
                    if ui
                        .add(egui::TextEdit::singleline(&mut self.port).desired_width(70.0))
                        .labelled_by(label.id)
                        .changed()
                    {
                        self.error = None;
                    }
                    ui.label(RichText::new("If it is taken, any free one is used and shown.").weak());
                });
                if !self.unfinished.is_empty() {
                    ui.add_space(6.0);
                    self.resume_choice(ui);
                }
                ui.add_space(4.0);
                ui.label(
                    RichText::new(format!(
                        "The class is kept beside {}, every choice written as it comes: nothing a student sent is lost if Stances closes.",
                        file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
                    ))
                    .weak(),
                );
                if let Some(error) = &self.error {
                    ui.add_space(4.0);
                    ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let start = if self.resume.is_some() { "Resume the live class" } else { "Start the live class" };
                    if ui.button(RichText::new(start).strong()).clicked() {
                        match self.address() {
                            Ok(address) => actions.push(Action::StartLive {
                                address,
                                resume: self.resume.and_then(|r| self.unfinished.get(r)).map(|u| u.folder.clone()),
                            }),
                            Err(e) => self.error = Some(e),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            });
        self.open = open && !done;
    }

    fn network_choice(&mut self, ui: &mut egui::Ui) {
        ui.label(RichText::new("Offer it on").strong());
        for (n, network) in self.networks.iter().enumerate() {
            let text = if network.is_loopback() {
                network.name.clone()
            } else {
                format!("{}: {}", network.name, network.address)
            };
            ui.radio_value(&mut self.chosen, n, text);
        }
        let chosen = self.networks.get(self.chosen);
        let advice = if chosen.is_some_and(Network::is_loopback) {
            "Only this computer can open the page: for trying the class out before it starts."
        } else if self.networks.len() <= 1 {
            "This computer is on no network: join the room's Wi-Fi, or start a hotspot on it, then open this again."
        } else {
            "Students' phones must be on the same network. If the room's Wi-Fi keeps devices apart, start a hotspot on this computer (or a phone) and have them join it."
        };
        ui.label(RichText::new(advice).weak());
    }

    fn resume_choice(&mut self, ui: &mut egui::Ui) {
        ui.label(RichText::new("A live class of this file did not end").strong());
        for (n, class) in self.unfinished.iter().enumerate() {
            ui.radio_value(
                &mut self.resume,
                Some(n),
                format!("Go on with the class {}", class.describe()),
            );
        }
        ui.radio_value(
            &mut self.resume,
            None,
            "Start a new class (the other stays in its folder)",
        );
    }

    /// The address to listen on, or why the port is not one.
    fn address(&self) -> Result<SocketAddr, String> {
        let network = self
            .networks
            .get(self.chosen)
            .ok_or_else(|| "Choose a network to offer the class on.".to_owned())?;
        let port: u16 = self.port.trim().parse().map_err(|_| {
            format!(
                "`{}` is not a port: write a number from 1024 to 65535, like {DEFAULT_PORT}.",
                self.port.trim()
            )
        })?;
        if port != 0 && port < 1024 {
            return Err(format!(
                "Ports below 1024 need an administrator: write one from 1024 to 65535, like {DEFAULT_PORT}."
            ));
        }
        Ok(SocketAddr::new(network.address, port))
    }
}
