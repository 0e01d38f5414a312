# Address plan: the firewall rules below and the subnet/cluster read the same values.
locals {
  nodes_cidr         = "10.10.0.0/20"
  pods_cidr          = "10.20.0.0/14"
  services_cidr      = "10.24.0.0/20"
  control_plane_cidr = "172.16.0.0/28"
}

resource "google_compute_network" "main" {
  name                    = "${var.name}-vpc"
  auto_create_subnetworks = false
}

# The VPC's own firewall: nothing comes in unless a rule below says so. Rules with a lower
# priority number win, so the allow rules (1000) beat the deny (65534).
resource "google_compute_firewall" "deny_ingress" {
  name      = "${var.name}-deny-ingress"
  network   = google_compute_network.main.id
  direction = "INGRESS"
  priority  = 65534
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0"]
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

# Nodes, pods and services talk to each other (pod-to-pod, kubelet, the load balancer's NEGs).
resource "google_compute_firewall" "allow_internal" {
  name      = "${var.name}-allow-internal"
  network   = google_compute_network.main.id
  direction = "INGRESS"
  priority  = 1000
  allow {
    protocol = "tcp"
  }
  allow {
    protocol = "udp"
  }
  allow {
    protocol = "icmp"
  }
  source_ranges = [local.nodes_cidr, local.pods_cidr, local.services_cidr, local.control_plane_cidr]
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

# Google's load balancer health checks and the HTTPS load balancer's proxies reach the pods
# only from these published ranges.
resource "google_compute_firewall" "allow_health_checks" {
  name      = "${var.name}-allow-health-checks"
  network   = google_compute_network.main.id
  direction = "INGRESS"
  priority  = 1000
  allow {
    protocol = "tcp"
  }
  source_ranges = ["35.191.0.0/16", "130.211.0.0/22"]
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "nodes" {
  name                     = "${var.name}-nodes"
  network                  = google_compute_network.main.id
  region                   = var.region
  ip_cidr_range            = local.nodes_cidr
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "pods"
    ip_cidr_range = local.pods_cidr
  }
  secondary_ip_range {
    range_name    = "services"
    ip_cidr_range = local.services_cidr
  }

  log_config {
    aggregation_interval = "INTERVAL_5_MIN"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

# Cloud SQL and Memorystore are reached over private service access, never a public IP.
resource "google_compute_global_address" "private_services" {
  name          = "${var.name}-private-services"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 16
  network       = google_compute_network.main.id
}

resource "google_service_networking_connection" "private_services" {
  network                 = google_compute_network.main.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_services.name]
}
